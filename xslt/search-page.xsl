<?xml version="1.0" encoding="UTF-8"?>
<!--
  The search page (search.html), from the corpus file tei/corpus.xml (the same input as
  index.xsl). The page is a shell: assets/search.js searches the records of
  search-index.js (written by edition/search.py beside this page) and fills in the
  results.

  The form (a query box, a source, a range of years) stays hidden until the script
  shows it; without the script, or without the index, the page says so and lists every
  document in date order, so that it is still of use. The form's fields are named as
  the page's address names them (search.html?q=…&source=…&from=…&to=…), so that a
  search can be cited, bookmarked and sent, and works as a plain GET form too.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Titles and dates of the plain list: their text, with the typography of hi. -->
  <xsl:mode name="search" on-no-match="text-only-copy"/>

  <xsl:template match="/" mode="ed:search-page" as="element()">
    <xsl:variable name="corpus" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="documents" as="element(tei:bibl)*"
      select="$corpus/tei:text//tei:listBibl[@type = 'corpus' or not(@type)]
              /tei:bibl[@type = 'document' or not(@type)]"/>
    <xsl:for-each select="$documents[not(tei:ref/@target)]">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | a document of the list '
        || 'has no ref/@target, so it cannot be linked: ' || normalize-space(.)"/>
    </xsl:for-each>
    <xsl:variable name="linked" as="element(tei:bibl)*"
      select="ed:chronological($documents[tei:ref/@target])"/>
    <xsl:variable name="years" as="xs:integer*" select="$linked/tei:date[1]/(@when, @from,
      @to, @notBefore, @notAfter)[matches(normalize-space(.), '^\d{4}')]
      ! xs:integer(substring(normalize-space(.), 1, 4))"/>
    <xsl:variable name="sources" as="xs:string*">
      <xsl:for-each-group select="$linked" group-by="ed:source(.)">
        <xsl:sequence select="current-grouping-key()"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="view" select="'search'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="scripts" select="'snowball-stemmers.js', 'search.js'"/>
      <xsl:with-param name="description" select="'Search the text, the notes, the titles, '
        || 'the dates and the names of the ' || count($linked) || ' documents of the edition'"/>
      <xsl:with-param name="content" as="node()*">
        <header class="doc-header">
          <p class="view-label">{$ed:site-name}</p>
          <h1 id="doc-title">Search</h1>
          <p class="intro">Search the reading text and the notes of all {ed:documents(
            count($linked))}, their titles, dates and numbers, and the names of the persons,
            places and organisations they mention.</p>
        </header>

        <form class="search-form" id="search-form" action="search.html" method="get"
          role="search" aria-label="Search the documents" hidden="hidden">
          <div class="search-query">
            <label for="search-q">Words, names or dates</label>
            <div class="search-box">
              <input id="search-q" name="q" type="search" autocomplete="off"
                spellcheck="false" enterkeyhint="search" aria-controls="search-results"
                aria-describedby="search-help"/>
              <button type="submit">Search</button>
            </div>
          </div>
          <fieldset class="search-filters">
            <legend>Only documents</legend>
            <div class="search-filter search-filter-source">
              <label for="search-source">from the source</label>
              <select id="search-source" name="source" aria-controls="search-results">
                <option value="">all sources</option>
                <xsl:for-each select="$sources">
                  <option value="{.}">{.}</option>
                </xsl:for-each>
              </select>
            </div>
            <div class="search-filter search-filter-years">
              <label for="search-from">dated from</label>
              <input id="search-from" name="from" type="number" inputmode="numeric" step="1"
                aria-controls="search-results">
                <xsl:if test="exists($years)">
                  <xsl:attribute name="min" select="min($years)"/>
                  <xsl:attribute name="max" select="max($years)"/>
                  <xsl:attribute name="placeholder" select="min($years)"/>
                </xsl:if>
              </input>
              <label for="search-to">to</label>
              <input id="search-to" name="to" type="number" inputmode="numeric" step="1"
                aria-controls="search-results">
                <xsl:if test="exists($years)">
                  <xsl:attribute name="min" select="min($years)"/>
                  <xsl:attribute name="max" select="max($years)"/>
                  <xsl:attribute name="placeholder" select="max($years)"/>
                </xsl:if>
              </input>
            </div>
            <!-- person, place and organisation facets: search.js fills them from the
                 index (the names each document mentions), with counts -->
            <xsl:for-each select="('person', 'Person'), ('place', 'Place'), ('org', 'Organisation')">
              <xsl:if test="position() mod 2 eq 1">
                <xsl:variable name="kind" as="xs:string" select="."/>
                <div class="search-filter search-facet" hidden="hidden">
                  <label for="search-{$kind}">naming the {lower-case(subsequence(('person',
                    'Person', 'place', 'Place', 'org', 'Organisation'), index-of(('person',
                    'Person', 'place', 'Place', 'org', 'Organisation'), $kind)[1] + 1, 1))}</label>
                  <select id="search-{$kind}" name="{$kind}" data-facet="{$kind}"
                    aria-controls="search-results">
                    <option value="">any</option>
                  </select>
                </div>
              </xsl:if>
            </xsl:for-each>
            <button class="search-clear" type="reset">Clear</button>
          </fieldset>
          <details class="search-help">
            <summary>How the search works</summary>
            <p id="search-help">Every word must occur in a document, in any order;
              <kbd>"words in quotes"</kbd> must occur together, as whole words. Case and
              accents do not matter, and a word without quotes also finds the words that
              begin with it (<i>Kirov</i> finds <i>Kirovites</i>) and the other forms of the
              same English word (Snowball stemming: <i>negotiate</i> finds
              <i>negotiations</i>). The names menus keep the documents that name a person,
              place or organisation. A result opens the document with the words marked.
              Documents whose title
              matches come first, then those with the most hits. The address of the page
              keeps the search: copy it to cite or bookmark it.</p>
          </details>
        </form>

        <p class="search-status" id="search-status" role="status" aria-live="polite"
          aria-atomic="true"></p>
        <ol class="search-results" id="search-results" aria-label="Results"></ol>

        <section class="search-static" id="search-static" aria-labelledby="search-static-head">
          <p class="search-note">Searching needs JavaScript, which this page cannot run here.
            Every document is listed below instead; your browser's own search (<kbd>Ctrl</kbd>
            + <kbd>F</kbd>) finds words in the list, and the <a href="timeline.html">timeline</a>
            and the <a href="index.html">list of documents</a> show them by date and by
            source.</p>
          <h2 id="search-static-head">All documents</h2>
          <ol class="doc-list">
            <xsl:apply-templates select="$linked" mode="ed:plain"/>
          </ol>
        </section>
        <!-- the records the script searches: a script, so that it loads from file:// -->
        <script src="search-index.js" defer="defer"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One document of the plain list: date, title, number, source. -->
  <xsl:template match="tei:bibl" mode="ed:plain" as="element()">
    <li>
      <xsl:apply-templates select="tei:date[1]" mode="search"/>
      <xsl:if test="tei:date[normalize-space()]"> — </xsl:if>
      <a href="reading/{ed:doc-id(tei:ref[1]/@target)}.html">
        <xsl:apply-templates select="tei:ref[1]/node()" mode="search"/>
      </a>
      <xsl:if test="@n[normalize-space()]"> (No. {normalize-space(@n)})</xsl:if>
      <span class="doc-source"> · {ed:source(.)}</span>
    </li>
  </xsl:template>

  <!-- ===== helpers ===== -->

  <!-- ===== titles and dates (mode search) ===== -->

  <xsl:template match="tei:date" mode="search" as="element()">
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

  <xsl:template match="tei:hi[@rend = 'italic'] | tei:title | tei:foreign" mode="search"
    as="element()">
    <i>
      <xsl:apply-templates mode="#current"/>
    </i>
  </xsl:template>

  <xsl:template match="tei:hi | tei:persName | tei:placeName | tei:orgName | tei:name"
    mode="search" as="node()*">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <!-- A correction in a title: the editors' side, as the reading view shows it. -->
  <xsl:template match="tei:choice" mode="search" as="node()*">
    <xsl:apply-templates select="(tei:corr, tei:reg, tei:expan, *)[1]/node()" mode="#current"/>
  </xsl:template>

  <!-- An element no rule handles: warn and keep its words. -->
  <xsl:template match="*" mode="search" priority="-10" as="node()*">
    <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | unhandled element &lt;'
      || name() || '&gt; at ' || ed:path(.) || ': the search page shows its text only'"/>
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

</xsl:stylesheet>
