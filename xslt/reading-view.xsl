<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading view of one TEI document: for reading and citing.
  Corrections and regularised forms shown, breaks joined, supplied words lightly marked,
  gaps said in words, restricted passages highlighted, notes numbered and readable in
  place (a popover on hover, focus or tap) and listed at the end.
  Output: reading/<id>.html (edition/render.py names the file).

  This module holds the view's templates; it is not a stylesheet of its own. reading.xsl
  makes it one (the reading view alone), views.xsl makes one of both views, compiled
  once for both (what edition/render.py uses).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:mode name="reading" on-no-match="text-only-copy"/>

  <xsl:variable name="ed:reading-quote-marks" as="xs:string+" select="('“', '”')"/>

  <xsl:template match="/" mode="ed:reading-page" as="element()">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="id" as="xs:string"
      select="($doc-id[normalize-space()], $tei/@xml:id!string(), 'document')[1]"/>
    <xsl:variable name="title" as="xs:string" select="ed:page-title($tei)"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="view" select="'reading'"/>
      <xsl:with-param name="doc-id" select="$id"/>
      <xsl:with-param name="description"
        select="string-join($tei/tei:teiHeader/tei:profileDesc/tei:abstract, ' ')"/>
      <xsl:with-param name="article" select="true()"/>
      <xsl:with-param name="ed:id" select="$id" tunnel="yes"/>
      <xsl:with-param name="ed:title" select="$title" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The article of the page: written by ed:page in its place, straight to the page
       (as a parameter it would be built in memory first and copied). -->
  <xsl:template match="/" mode="ed:reading-article" as="element()">
    <xsl:param name="ed:id" as="xs:string" tunnel="yes"/>
    <xsl:param name="ed:title" as="xs:string" tunnel="yes"/>
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
        <article class="document" aria-labelledby="doc-title">
          <header class="doc-header">
            <p class="view-label">Reading view</p>
            <h1 id="doc-title">{$ed:title}</h1>
            <xsl:call-template name="ed:volume-nav">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
          </header>
          <!-- open; edition.js folds it on a phone, where it would fill the screen -->
          <details class="metadata" open="open" data-fold-narrow="yes">
            <summary>About this document</summary>
            <xsl:for-each select="$tei">
              <xsl:call-template name="ed:metadata-list"/>
            </xsl:for-each>
          </details>
          <xsl:if test="$tei/tei:text//(tei:seg[@type = 'restricted']
            | tei:note[@type = 'restriction'])">
            <!-- no script needed: the style sheet reads the box (body:has(…:checked)) -->
            <p class="public-toggle">
              <input type="checkbox" id="as-published" class="as-published"/>
              <label for="as-published">Read it as its first public audience did: the
                restricted words withheld</label>
            </p>
          </xsl:if>
          <xsl:call-template name="ed:volume-summary">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <div class="document-text" lang="{ed:text-lang($tei)}">
            <xsl:apply-templates select="ed:scope($tei), ed:stand-off($tei)"
              mode="reading"/>
          </div>
          <xsl:call-template name="ed:volume-nav">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="place" select="'bottom'"/>
          </xsl:call-template>
          <xsl:call-template name="ed:reading-note-list">
            <xsl:with-param name="notes" select="ed:listed-notes($tei)"/>
          </xsl:call-template>
          <xsl:call-template name="ed:cite">
            <xsl:with-param name="view" select="'reading'"/>
            <xsl:with-param name="doc-id" select="$ed:id"/>
            <xsl:with-param name="title" select="$ed:title"/>
          </xsl:call-template>
        </article>
  </xsl:template>

  <!-- ===== the source's own header block ===== -->

  <!-- The citation, summary, credits … an archive record prints before its text: the
       metadata block above says the same, so here they are folded away (the diplomatic
       view shows them as printed). -->
  <xsl:template match="tei:front" mode="reading" as="element()">
    <xsl:variable name="header-block" as="element(tei:div)*"
      select="tei:div[@type = ('citation', 'summary', 'credits', 'language', 'contents',
        'rights', 'field')]"/>
    <div class="front">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="node() except $header-block" mode="reading"/>
      <xsl:if test="exists($header-block)">
        <details class="source-header">
          <summary>The source's header: {string-join($header-block ! (
            (tei:head ! replace(normalize-space(.), ':$', ''))[1], @type)[1], ', ')}</summary>
          <xsl:apply-templates select="$header-block" mode="reading"/>
        </details>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ===== notes ===== -->

  <!-- A footnote sign printed again for the same note ("7 *" twice): the note's marker,
       linked to it. A sign with no note keeps the common rule (the sign, said so). -->
  <xsl:template match="tei:ref[@type = 'noteSign'][@target]" mode="reading" as="element()">
    <xsl:variable name="id" as="xs:string" select="substring-after(@target, '#')"/>
    <xsl:variable name="note" as="element(tei:note)?"
      select="(root()//tei:note[@xml:id = $id][not(ed:is-inline-note(.))])[1]"/>
    <xsl:choose>
      <xsl:when test="exists($note)">
        <a class="fn-ref note-sign" href="#fn-{ed:note-id($note)}"
          title="the source prints the sign {.} again here"><span
          class="visually-hidden">Note </span>{ed:note-number($note)}</a>
      </xsl:when>
      <xsl:otherwise>
        <span class="note-sign note-sign-orphan">{.}</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote or endnote: a numbered marker; its text in a popover beside it. -->
  <xsl:template match="tei:note[not(ed:is-inline-note(.))]" mode="reading" as="element()">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="id" as="xs:string" select="ed:note-id(.)"/>
    <xsl:variable name="number" as="xs:integer" select="ed:note-number(.)"/>
    <xsl:choose>
      <xsl:when test="$ed:copy">
        <sup class="fn-copy">{$number}</sup>
      </xsl:when>
      <xsl:otherwise>
        <span class="fn">
          <a class="fn-ref" href="#fn-{$id}" id="fnref-{$id}" role="doc-noteref"
            aria-describedby="fnpop-{$id}"><span class="visually-hidden">Note </span>{$number}</a>
          <span class="fn-pop" id="fnpop-{$id}" role="tooltip">
            <span class="fn-pop-number" aria-hidden="true">{$number}</span>
            <xsl:text> </xsl:text>
            <xsl:apply-templates mode="reading">
              <xsl:with-param name="ed:copy" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The list of notes at the end, each with its printed sign and a link back. -->
  <xsl:template name="ed:reading-note-list" as="element()?">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <ol class="notes-list">
          <xsl:for-each select="$notes">
            <xsl:variable name="id" as="xs:string" select="ed:note-id(.)"/>
            <li id="fn-{$id}">
              <xsl:if test="@n">
                <span class="printed-sign" title="the note's sign in the source">{@n}</span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:if test="@type = ('editorial', 'commentary')">
                <span class="note-kind">{if (@type = 'editorial') then 'Editors' else
                  'Commentary'}:</span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:if test="@type = 'unanchored'">
                <span class="note-kind">Not anchored (the text does not print this sign):</span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:apply-templates mode="reading"/>
              <xsl:if test="not(@type = 'unanchored')">
                <xsl:text> </xsl:text>
                <a class="fn-back" href="#fnref-{$id}"
                  aria-label="Back to the text of note {position()}">↩</a>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== the encoding contract, reading side ===== -->

  <!-- The translation apparatus. A correction or regularisation is shown; the source's
       form, the reason (the header category its @ana points at) and who corrected it are
       in a popover that opens on hover, on keyboard focus and on tap (the span takes focus;
       no script), and are read out as its description. Inside a link (a name linked to
       its register) the link takes the focus instead. In a copy (a footnote repeated in
       its popover) no id is written twice. -->
  <xsl:template match="tei:choice" mode="reading" as="node()*">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="shown" as="element()?" select="(tei:corr, tei:reg, tei:expan, *)[1]"/>
    <xsl:variable name="source" as="element()?" select="(tei:sic, tei:orig, tei:abbr,
      * except $shown)[1]"/>
    <xsl:variable name="kind" as="xs:string" select="if ($shown/self::tei:corr) then 'corr'
      else if ($shown/self::tei:reg) then 'reg' else 'choice'"/>
    <!-- a choice of other forms than these (seg, another project's free alternatives):
         no form is the source's, the other is an alternative -->
    <xsl:variable name="alternatives" as="xs:boolean" select="$kind = 'choice'
      and empty($shown/self::tei:expan)"/>
    <xsl:variable name="what" as="xs:string" select="
      if ($kind = 'corr') then 'Corrected by the editors'
      else if ($shown/@rend = 'brackets') then 'The translation also prints this form'
      else if ($kind = 'reg') then 'Regularised by the editors'
      else if ($alternatives) then 'Alternatively “' || string-join((* except $shown)
        ! normalize-space(ed:source-words(.)), '”, “') || '”'
      else 'Expanded'"/>
    <xsl:variable name="note" as="xs:string" select="ed:apparatus-note(., $what,
      if ($alternatives) then () else $source ! normalize-space(ed:source-words(.)))"/>
    <xsl:call-template name="ed:apparatus">
      <xsl:with-param name="class" select="$kind"/>
      <xsl:with-param name="note" select="$note"/>
      <xsl:with-param name="copy" select="$ed:copy"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="$shown/node()" mode="reading"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Text the source prints twice: left out of the reading text, a marker in its place. -->
  <xsl:template match="tei:surplus" mode="reading" as="node()*">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="ed:apparatus">
      <xsl:with-param name="class" select="'surplus-mark'"/>
      <xsl:with-param name="note" select="ed:apparatus-note(.,
        'Left out by the editors: the source prints this a second time', normalize-space(.))"/>
      <xsl:with-param name="copy" select="$ed:copy"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:if test="matches(string(.), '^\s')">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:text>[printed twice]</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The words of a form as the source has them: of a choice inside it, the source's
       side ("wch", not "wchwhich" of abbr and expan). -->
  <xsl:function name="ed:source-words" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join(for $n in $e/node() return
      if ($n/self::text()) then string($n)
      else if ($n/self::tei:choice) then ed:source-words(($n/(tei:sic, tei:orig, tei:abbr),
        $n/*)[1])
      else if ($n/self::tei:note) then ''
      else if ($n/self::*) then ed:source-words($n) else '')"/>
  </xsl:function>

  <!-- "Corrected by the editors. The source reads “…”. Why: …" -->
  <xsl:function name="ed:apparatus-note" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:param name="source" as="xs:string?"/>
    <xsl:variable name="category" as="element()?" select="
      (root($element)//tei:category[@xml:id = substring-after($element/@ana, '#')])[1]"/>
    <xsl:sequence select="$what || '. '
      || ($source ! ('The source reads “' || . || '”. '))
      || ($category ! ('Why: ' || normalize-space(tei:catDesc[1]) || '.'))
      => replace('\.\.$', '.') => normalize-space()"/>
  </xsl:function>

  <xsl:template name="ed:apparatus" as="element()">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="note" as="xs:string"/>
    <xsl:param name="copy" as="xs:boolean"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="in-link" as="xs:boolean" select="exists(ancestor::*[
      (self::tei:persName or self::tei:placeName or self::tei:orgName)
      and exists(ed:register-href(.))] | ancestor::tei:ref[@target])"/>
    <xsl:variable name="number" as="xs:string">
      <xsl:number level="any" count="tei:choice | tei:surplus"/>
    </xsl:variable>
    <span class="{$class} apparatus">
      <xsl:if test="not($copy or $in-link)">
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="aria-describedby" select="'app-' || $number"/>
      </xsl:if>
      <xsl:sequence select="$content"/>
      <span class="app-pop" role="tooltip">
        <xsl:if test="not($copy or $in-link)">
          <xsl:attribute name="id" select="'app-' || $number"/>
        </xsl:if>
        <xsl:text>{$note}</xsl:text>
      </span>
    </span>
  </xsl:template>

  <!-- Supplied words: ours name who supplied them (reason="translator"); TEI's @reason
       says why ("damage", "omitted-in-original"), as other projects' files use it. -->
  <xsl:template match="tei:supplied" mode="reading" as="element()">
    <xsl:variable name="why" select="normalize-space(@reason)"/>
    <span class="supplied" title="{if ($why = ('translator', 'editor', 'editors'))
      then 'supplied by the ' || $why
      else 'supplied by the editors' || ($why[.] ! (' (' || translate(., '-_', '  ') || ')'))}">
      <xsl:apply-templates mode="reading"/>
    </span>
  </xsl:template>

  <!-- A gap the source states in words ("[illegible]"): those words, marked as the
       source's statement of what is not there. -->
  <xsl:template match="tei:gap[tei:desc]" mode="reading" as="element()" priority="1">
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'gap' || @reason ! (' gap-' || .)"/>
      <xsl:attribute name="title" select="'the source says what is not there'
        || @reason ! (' (' || . || ')')"/>
      <xsl:text>[{normalize-space(tei:desc[1])}]</xsl:text>
    </xsl:element>
  </xsl:template>

  <!-- Gaps said in words. -->
  <xsl:template match="tei:gap" mode="reading" as="element()">
    <xsl:variable name="extent" as="xs:string?" select="ed:extent(.)"/>
    <xsl:variable name="words" as="xs:string" select="
      if (@reason = 'omitted') then '[…]'
      else if (@reason = 'lost') then '[' || ($extent, 'text')[1] || ' lost]'
      else if (@reason = 'link-only') then '[text not given in the source]'
      else if (@reason = 'cut-off') then '[the source ends here]'
      else '[' || ($extent, 'text')[1] || ' missing' || @reason ! (': ' || .) || ']'"/>
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'gap' || @reason ! (' gap-' || .)"/>
      <xsl:choose>
        <xsl:when test="@reason = 'omitted'">
          <xsl:attribute name="title" select="'omitted in the source'"/>
          <xsl:text>{$words}</xsl:text>
          <span class="visually-hidden"> (omitted in the source)</span>
        </xsl:when>
        <xsl:otherwise>{$words}</xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:foreign[@rend = 'brackets']" mode="reading" as="node()+">
    <xsl:text>[</xsl:text>
    <xsl:next-match/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Restricted words highlighted; the instruction becomes their label. -->
  <xsl:template match="tei:seg[@type = 'restricted']" mode="reading" as="element()">
    <xsl:variable name="instruction" as="element()*" select="key('ed:restriction', @xml:id)"/>
    <mark class="restricted" title="restricted in the source{$instruction !
      (': ' || normalize-space(.))}">
      <xsl:call-template name="ed:id"/>
      <span class="withheld-marker">[withheld from the public]</span>
      <span class="restricted-words">
        <span class="visually-hidden">Restricted passage: </span>
        <xsl:apply-templates mode="reading"/>
      </span>
    </mark>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'restriction']" mode="reading" as="element()">
    <span class="restriction-label">
      <xsl:call-template name="ed:id"/>
      <span class="restriction-kind">restricted</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates mode="reading"/>
    </span>
  </xsl:template>

  <!-- A line break inside a word: the word joined (the spaces around the break are
       dropped by common.xsl). -->
  <xsl:template match="tei:lb[@break = 'no']" mode="reading" priority="1"
    as="empty-sequence()"/>

  <!-- A paragraph broken in the source: joined. -->
  <!-- Words added in a margin: apart from the words before them. -->
  <xsl:template match="tei:add[contains(@place, 'margin')]" mode="reading" as="node()+">
    <xsl:if test="not(matches(string((preceding-sibling::node()[1])), '\s$'))">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- Words struck out and then restored (restore): read as the words they are. -->
  <xsl:template match="tei:restore" mode="reading" as="element()">
    <span class="restore" title="struck out, then restored in the source">
      <xsl:apply-templates select="node() ! (if (self::tei:del) then node() else .)"
        mode="reading"/>
    </span>
  </xsl:template>

  <!-- A numbered line (another project's lb/@n) that opens its block breaks no line. -->
  <xsl:template match="tei:lb[normalize-space(@n)][ed:opens-block(.)]" mode="reading"
    as="empty-sequence()"/>

  <xsl:template match="tei:lb[@type = 'break']" mode="reading" as="text()">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:ref[@type = 'unresolved'][empty(ed:document-numbered(.))]"
    mode="reading" as="element()">
    <span class="ref ref-unresolved"
      title="{if (@n) then 'document ' || @n || ' is' else 'this document is'} not in this edition">
      <xsl:apply-templates mode="reading"/>
      <xsl:text> </xsl:text>
      <span class="not-in-edition">(not in this edition)</span>
    </span>
  </xsl:template>

  <!-- A name with an entry in the edition's registers (@ref="registers.xml#ID") links to
       it: ../persons.html#ID, ../places.html#ID, ../organisations.html#ID. Links are never
       nested: a footnote marker or another link inside the name stays outside the name's
       link (which then comes in pieces around it), and a name inside a link is not linked. -->
  <xsl:template match="tei:persName[exists(ed:register-href(.))]
    | tei:placeName[exists(ed:register-href(.))] | tei:orgName[exists(ed:register-href(.))]"
    mode="reading" priority="1" as="element()">
    <xsl:variable name="class" as="xs:string"
      select="'name name-' || local-name() || ' reg-link reg-' || ed:register-kind(.)
              || (if (@cert = ('low', 'medium')) then ' reg-unreviewed' else '')"/>
    <xsl:variable name="href" as="xs:string" select="'../' || ed:register-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists(ancestor::tei:ref | ancestor::tei:ptr
        | ancestor::*[@ref or @key][exists(ed:local-entry(.))])">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="not(node()[ed:makes-link(.)])">
        <a class="{$class}" href="{$href}">
          <xsl:apply-templates mode="reading"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name name-{local-name()} reg-name">
          <xsl:for-each-group select="node()" group-adjacent="ed:makes-link(.)">
            <xsl:choose>
              <xsl:when test="current-grouping-key()
                or not(normalize-space(string-join(current-group() ! string(.))))">
                <xsl:apply-templates select="current-group()" mode="reading"/>
              </xsl:when>
              <xsl:otherwise>
                <a class="{$class}" href="{$href}">
                  <xsl:apply-templates select="current-group()" mode="reading"/>
                </a>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Does this node become, or hold, a link in the reading view (a footnote marker, a
       reference, a linked name)? -->
  <xsl:function name="ed:makes-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/descendant-or-self::*[
      self::tei:note[not(ed:is-inline-note(.))] or self::tei:ref or self::tei:ptr
      or exists(ed:register-href(.))
      or ((@ref or @key) and exists(ed:local-entry(.)))])"/>
  </xsl:function>

  <!-- A name with an entry in the document (@ref "#id" or "id", or @key) links to it. -->
  <xsl:template match="*[@ref or @key][not(self::tei:ref | self::tei:ptr)]
    [exists(ed:local-entry(.))][not(ancestor::tei:ref | ancestor::tei:ptr
    | ancestor::*[@ref or @key][exists(ed:local-entry(.))])]"
    mode="reading" priority="1" as="element()">
    <a class="name-link" href="{ed:fragment-href('#' || ed:local-entry(.)/@xml:id, .)}">
      <xsl:next-match/>
    </a>
  </xsl:template>

</xsl:stylesheet>
