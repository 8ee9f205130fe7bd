<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared functions of the publication stage (namespace ed: = urn:edition:functions).
  Included by common.xsl; every view and the index page get them from there.
  Rules follow docs/encoding.md; anything the contract does not name is foreign TEI
  and gets a sensible generic rendering.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:include href="urls.xsl"/>

  <!-- The URL in $url (an attribute or text of the TEI element $e) if it is safe; else ()
       and a warning that names the element (edition/render.py adds the line). -->
  <xsl:function name="ed:href" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="safe" as="xs:string?" select="ed:safe-url($url)"/>
    <xsl:if test="empty($safe) and normalize-space($url)">
      <xsl:message select="'ED-LOC ' || ed:position-path($e) || ' | unsafe link dropped: &lt;'
        || name($e) || '&gt; points at &quot;' || ed:shown-url($url) || '&quot;, which is not an '
        || 'http, https or mailto address, a relative path or a fragment id; it is shown as '
        || 'text, not as a link'"/>
    </xsl:if>
    <xsl:sequence select="$safe"/>
  </xsl:function>


  <!-- The name of this edition: its own documents name it as their publisher. -->
  <xsl:variable name="ed:edition-name" as="xs:string" select="'Cold War Documents Edition'"/>
  <!-- The name the site's header, footer and pages across documents give the site: set
       by edition/foreign.py when it renders other projects' files (which are no part of
       this edition), else this edition's name. -->
  <xsl:param name="site-name" as="xs:string" select="''"/>
  <xsl:variable name="ed:site-name" as="xs:string"
    select="($site-name[normalize-space()], $ed:edition-name)[1]"/>

  <!-- Is $tei one of this edition's documents (its publisher is this edition)? Another
       project's file is titled and cited from its own header, never as this edition. -->
  <xsl:function name="ed:is-ours" as="xs:boolean">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:sequence select="normalize-space(($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/
      tei:publisher)[1]) = $ed:edition-name"/>
  </xsl:function>

  <!-- What a document is part of, by its own header: this edition for ours; for another
       project's file its series or collection, the work its title is part of, its
       edition, its publisher or authority; else () -->
  <xsl:function name="ed:part-of" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="file" as="element()?" select="$tei/tei:teiHeader/tei:fileDesc"/>
    <xsl:sequence select="if (ed:is-ours($tei)) then $ed:edition-name
      else ($file/tei:titleStmt/tei:title[@level = ('s', 'j') or @type = ('series',
        'collection', 'edition')], $file/tei:seriesStmt/tei:title, $file/tei:editionStmt/
        tei:edition[not(matches(normalize-space(.), '^[\p{Ll}0-9_-]+$'))],
        $file/tei:publicationStmt/(tei:publisher, tei:authority, tei:distributor))
        [normalize-space()][1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- Who publishes a document, by its own header (publisher, authority, distributor);
       this edition for ours; else () -->
  <xsl:function name="ed:publisher-of" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:sequence select="($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/(tei:publisher,
      tei:authority, tei:distributor)[normalize-space()] ! normalize-space(.),
      $ed:edition-name[ed:is-ours($tei)])[1]"/>
  </xsl:function>

  <!-- Elements that make an HTML block: a TEI p holding one of them is rendered as a div,
       because an HTML p cannot hold a list, a table or a block quotation. -->
  <!-- The ids the site's pages give their own parts (the citation box, the search form,
       the notes' list), which an element of a TEI file must not take: its id is then
       "tei-" and its own (ed:page-id). -->
  <xsl:variable name="ed:page-ids" as="xs:string+" select="('as-published', 'by-date', 'by-source', 'cite-bibtex', 'cite-bibtex-label', 'cite-chicago', 'cite-chicago-label', 'cite-heading', 'doc-title', 'event-kind', 'event-list', 'event-q', 'events-head', 'keys-help', 'main', 'map-caption', 'notes-heading', 'register-empty', 'register-entries', 'register-filter', 'register-filter-status', 'search-form', 'search-from', 'search-help', 'search-q', 'search-results', 'search-source', 'search-static', 'search-static-head', 'search-status', 'search-to')"/>

  <!-- (looked up in a map, and the prefixes by the word before the first hyphen: asked
       twice of every citable block, a sequence compared item by item and a regular
       expression took a tenth of the rendering of a long volume) -->
  <xsl:variable name="ed:page-id-set" as="map(xs:string, xs:boolean)"
    select="map:merge($ed:page-ids ! map {.: true()})"/>

  <xsl:function name="ed:page-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (map:contains($ed:page-id-set, $id) or (contains($id, '-')
      and substring-before($id, '-') = ('fn', 'fnref', 'app', 'tei')))
      then 'tei-' || $id else $id"/>
  </xsl:function>

  <!-- Class names from an attribute's tokens, each with the prefix (" div-" and "x
       visually-hidden" give " div-x div-visually-hidden"): no token of another
       project's @type or @rend becomes one of the site's own classes. -->
  <xsl:function name="ed:tokens" as="xs:string">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($value)) ! ($prefix || .))"/>
  </xsl:function>

  <xsl:function name="ed:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:list or self::tei:table or self::tei:lg
      or self::tei:figure or self::tei:div or self::tei:p or self::tei:ab
      or self::tei:listBibl or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg
      or self::tei:quote[ed:is-block-quote(.)] or self::tei:postscript or self::tei:closer
      or self::tei:opener or self::tei:titlePage])"/>
  </xsl:function>

  <!-- Is the parent of $e a container of blocks (so $e may be an HTML block too)? -->
  <xsl:function name="ed:block-parent" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/parent::*[self::tei:div or self::tei:body
      or self::tei:front or self::tei:back or self::tei:text or self::tei:postscript
      or self::tei:titlePage or self::tei:docTitle or self::tei:docImprint or self::tei:figure
      or self::tei:lg or self::tei:argument or self::tei:epigraph
      or not(namespace-uri() = 'http://www.tei-c.org/ns/1.0')])"/>
  </xsl:function>

  <!-- A container whose children are lines (opener, closer, address): each child
       element gets a line of its own unless the container runs as prose. -->
  <xsl:function name="ed:lines-class" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/text()[normalize-space()]) then 'prose' else 'lines'"/>
  </xsl:function>

  <!-- Does $e hold block content (outside its notes, which are rendered elsewhere)? -->
  <xsl:function name="ed:has-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="some $d in $e//* satisfies
      (ed:is-block($d) and empty($d/ancestor::tei:note intersect $e//tei:note))"/>
  </xsl:function>

  <!-- Would the words of $e run into the words before it? Another edition's TEI often
       puts the fields of an entry side by side with nothing between them
       (<form><orth>kitāb</orth><pron>kiˈtaːb</pron></form>, <castItem>…</castItem>
       <castItem>…</castItem>): an element right after an element that shows words (not
       a note, whose sign belongs to the word before it) is a field of its own. So is a
       place's coordinates (geo) after any text ("Aleppo<geo>36.2 37.1</geo>"). Phrases
       that may stand inside a word (hi, c, choice …) are not asked about. -->
  <xsl:function name="ed:runs-into" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="before" as="node()?" select="$e/preceding-sibling::node()
      [not(self::comment() or self::processing-instruction())][1]"/>
    <xsl:sequence select="exists($before/self::*[normalize-space()][not(self::tei:note)])
      or (exists($e/self::tei:geo) and matches(string($before/self::text()), '\S$'))"/>
  </xsl:function>

  <!-- A quotation set off as a block: by its rend, or because it stands between blocks. -->
  <xsl:function name="ed:is-block-quote" as="xs:boolean">
    <xsl:param name="q" as="element(tei:quote)"/>
    <xsl:sequence select="$q/@rend = ('blockquote', 'block')
      or exists($q/parent::*[self::tei:div or self::tei:body or self::tei:back
        or self::tei:front or self::tei:postscript])"/>
  </xsl:function>

  <!-- Notes that stay where they are in both views: restriction instructions and the
       source lines of a collection document. All other notes (footnotes, endnotes,
       footnotes whose sign the text lacks, editorial and commentary notes) are gathered
       in the list of notes, in the order the source prints them. -->
  <xsl:function name="ed:is-inline-note" as="xs:boolean">
    <xsl:param name="n" as="element(tei:note)"/>
    <xsl:sequence select="$n/@place = ('inline', 'top') or $n/@rend = 'inline'
      or $n/@type = ('restriction', 'source')"/>
  </xsl:function>

  <!-- The HTML id of a listed note: its xml:id, else one made from its place in the
       document ("note-2-2-1-5-3"), the same in every run (generate-id() is not: it
       numbers the trees a process has made, so it changed with the pages made before). -->
  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="n" as="element(tei:note)"/>
    <xsl:sequence select="($n/@xml:id!string(),
      'note-' || translate(ed:position-path($n), '/', '-'))[1]"/>
  </xsl:function>

  <!-- Every note of the text, in document order, found once per document (a note's number
       is asked for at its sign and in the list: without the key each asking walked the
       whole document). -->
  <xsl:key name="ed:text-notes" match="tei:text//tei:note" use="'all'"/>

  <!-- The running number of a listed note in the reading view (1, 2, 3 ...). -->
  <xsl:function name="ed:note-number" as="xs:integer">
    <xsl:param name="n" as="element(tei:note)"/>
    <!-- on a page of a volume's document, that document's notes; else the text's -->
    <xsl:variable name="unit" as="element()?" select="ed:unit-of($n)"/>
    <xsl:sequence select="ed:note-numbers(if (exists($unit)) then $unit else root($n))(
      generate-id($n))"/>
  </xsl:function>

  <!-- The running numbers of the listed notes of a document (or of a volume's document
       page): note's id → number, made once for each (cache): asked at each note's sign
       and in the list, the numbering walked every note of the document for each note
       (2,000 notes took 6.8 s, 4,000 46 s). -->
  <xsl:function name="ed:note-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="scope" as="node()"/>
    <xsl:variable name="listed" as="element(tei:note)*"
      select="if ($scope instance of element()) then $scope//tei:note[not(ed:is-inline-note(.))]
              else key('ed:text-notes', 'all', $scope)[not(ed:is-inline-note(.))]
                   [empty(ed:unit-of(.))]"/>
    <xsl:sequence select="map:merge(for $k in 1 to count($listed)
      return map{generate-id($listed[$k]): $k})"/>
  </xsl:function>

  <!-- The page of another document: scr-078.xml becomes scr-078.html (same view folder). -->
  <xsl:function name="ed:doc-href" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:sequence select="replace(normalize-space($target), '\.xml$', '') || '.html'"/>
  </xsl:function>

  <!-- The document id named by a corpus target: scr-078.xml becomes scr-078. -->
  <xsl:function name="ed:doc-id" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:sequence select="replace(replace(normalize-space($target), '^.*/', ''), '\.xml$', '')"/>
  </xsl:function>

  <!-- The normalised value of a TEI date in words for a tooltip, or () if it has none. -->
  <xsl:function name="ed:date-value" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="ed:date-bounds($d) ! (if ($d/@precision = ('medium', 'low'))
      then . || ' (approximate)' else .)"/>
  </xsl:function>

  <!-- The normalised value of a date's attributes, in words. -->
  <xsl:function name="ed:date-bounds" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:choose>
      <xsl:when test="$d/@when">
        <xsl:sequence select="string($d/@when)"/>
      </xsl:when>
      <xsl:when test="$d/@from and $d/@to">
        <xsl:sequence select="$d/@from || ' to ' || $d/@to"/>
      </xsl:when>
      <xsl:when test="$d/@notBefore and $d/@notAfter">
        <xsl:sequence select="'between ' || $d/@notBefore || ' and ' || $d/@notAfter"/>
      </xsl:when>
      <xsl:when test="$d/@from">
        <xsl:sequence select="'from ' || $d/@from"/>
      </xsl:when>
      <xsl:when test="$d/@to">
        <xsl:sequence select="'until ' || $d/@to"/>
      </xsl:when>
      <xsl:when test="$d/@notBefore">
        <xsl:sequence select="'not before ' || $d/@notBefore"/>
      </xsl:when>
      <xsl:when test="$d/@notAfter">
        <xsl:sequence select="'not after ' || $d/@notAfter"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="()"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A sort key for a date: its earliest ISO value; undated documents sort last. -->
  <xsl:function name="ed:date-key" as="xs:string">
    <xsl:param name="d" as="element()?"/>
    <xsl:sequence select="(($d/@when, $d/@from, $d/@notBefore, $d/@to, $d/@notAfter)
      [normalize-space()][1] ! normalize-space(.), '9999')[1]"/>
  </xsl:function>

  <!-- A valid HTML datetime value (YYYY, YYYY-MM, YYYY-MM-DD) or (). -->
  <xsl:function name="ed:datetime" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="$d/@when[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')] ! string(.)"/>
  </xsl:function>

  <!-- The title of a TEI document: ours (type="main"), FRUS (complete), letters (level a). -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(tei:title)*"
      select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <!-- (a series' or journal's title, level="s" or "j", names no document) -->
    <xsl:sequence select="(($titles[@type = 'main'], $titles[@type = 'complete'],
      $titles[@level = 'a'], $titles[not(@type)][not(@level = ('s', 'j'))],
      $titles[not(@level = ('s', 'j'))], $titles)[1] ! normalize-space(.),
      'Untitled document')[1]"/>
  </xsl:function>

  <!-- The main language of the document text, for the lang attribute of its container. -->
  <xsl:function name="ed:text-lang" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/tei:text/@xml:lang, $tei/@xml:lang,
      $tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident, 'en')[1]
      ! string(.)"/>
  </xsl:function>

  <!-- A readable path of an element for warnings: /TEI/text/body/div[2]/frus:attachment[1]. -->
  <xsl:function name="ed:path" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'/' || string-join(
      for $a in $e/ancestor-or-self::* return name($a) || (if ($a/parent::*)
        then '[' || (count($a/preceding-sibling::*[node-name() eq node-name($a)]) + 1) || ']'
        else ''), '/')"/>
  </xsl:function>

  <!-- A machine path of child-element positions (1-based) from the root element:
       edition/render.py follows it in its own parse to find the line number. -->
  <xsl:function name="ed:position-path" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join(
      $e/ancestor-or-self::*[parent::*] ! string(ed:child-positions(..)(generate-id(.))),
      '/')"/>
  </xsl:function>

  <!-- The positions (1-based) of an element's child elements: child's id → position,
       made once for each parent (cache). Counting each one's preceding siblings made
       the ids of a division's notes cost the square of its paragraphs (4,000 notes
       in as many paragraphs: 1.15 s, against 0.15 s for 1,000). -->
  <xsl:function name="ed:child-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="parent" as="node()"/>
    <xsl:variable name="children" as="element()*" select="$parent/*"/>
    <xsl:sequence select="map:merge(for $k in 1 to count($children)
      return map{generate-id($children[$k]): $k})"/>
  </xsl:function>

  <!-- The level of an HTML heading for a TEI head: h2 for a document, deeper for its parts. -->
  <xsl:function name="ed:heading-level" as="xs:integer">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:sequence select="max((2, min((6, 1 + count($head/ancestor::*[self::tei:div
      or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4
      or not(namespace-uri() = 'http://www.tei-c.org/ns/1.0')])))))"/>
  </xsl:function>

  <!-- "translated by" becomes "Translated by". -->
  <xsl:function name="ed:capitalise" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring(normalize-space($s), 1, 1))
      || substring(normalize-space($s), 2)"/>
  </xsl:function>

  <!-- "2 characters", "1 line": the words for a gap's extent, or () without a quantity. -->
  <xsl:function name="ed:extent" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="unit" as="xs:string"
      select="($gap/@unit[normalize-space()] ! normalize-space(.), 'chars')[1]"/>
    <xsl:variable name="noun" as="xs:string"
      select="if ($unit = ('chars', 'char', 'characters')) then 'character'
              else replace($unit, 's$', '')"/>
    <xsl:variable name="count" as="xs:string?" select="($gap/@quantity[normalize-space()],
      $gap[@atLeast and @atMost]/(@atLeast || '–' || @atMost), $gap/@atLeast ! ('at least ' || .),
      $gap/@atMost ! ('up to ' || .), $gap/@extent[normalize-space()])[1] ! normalize-space(.)"/>
    <!-- (@extent is free text: "unknown", "3", "several lines") -->
    <xsl:sequence select="if (empty($count)) then ()
      else if ($count = 'unknown') then (if ($gap/@unit) then 'an unknown number of '
        || $noun || 's' else ())
      else if (matches($count, '^[\d–]+$|^(at least|up to) \d+$'))
      then $count || ' ' || $noun || (if ($count = '1') then '' else 's')
      else $count"/>
  </xsl:function>

  <!-- Does $e open its block (no words or elements before it in its parent)? -->
  <xsl:function name="ed:opens-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/preceding-sibling::node()[self::* or normalize-space()])"/>
  </xsl:function>

  <!-- (shared by the register, map and restrictions pages) "1 person", "12 persons". -->
  <xsl:function name="ed:count" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="nouns" as="xs:string+"/>
    <xsl:sequence select="$n || ' ' || (if ($n eq 1) then $nouns[1] else $nouns[2])"/>
  </xsl:function>

  <!-- The source a document comes from: its collection or archive, as the list of
       documents gives it (the index and the search page group by it). -->
  <xsl:function name="ed:source" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="($bibl/tei:title[@type = 'source'][normalize-space()]
      ! normalize-space(.), 'Other sources')[1]"/>
  </xsl:function>

  <!-- Documents of the list sorted by date, then by printed number, then by title. -->
  <xsl:function name="ed:chronological" as="element(tei:bibl)*">
    <xsl:param name="bibls" as="element(tei:bibl)*"/>
    <xsl:perform-sort select="$bibls">
      <xsl:sort select="ed:date-key(tei:date[1])"/>
      <xsl:sort select="if (@n castable as xs:integer) then xs:integer(@n) else 0"
        data-type="number"/>
      <xsl:sort select="normalize-space(tei:ref[1])" lang="en"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- "1 document", "40 documents". -->
  <xsl:function name="ed:documents" as="xs:string">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="$count || ' document' || (if ($count eq 1) then '' else 's')"/>
  </xsl:function>

</xsl:stylesheet>
