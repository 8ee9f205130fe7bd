<?xml version="1.0" encoding="UTF-8"?>
<!--
  The list of documents (index.html), from the corpus file tei/corpus.xml:

    <listBibl type="corpus">
      <bibl type="document" n="70"><ref target="scr-070.xml">title</ref>
        <date when="1954-01-05">January 5, 1954</date>
        <title type="source">collection or archive</title> <idno type="seed">…</idno></bibl>

  One table of all documents in date order (date, title linking to the reading view,
  printed number, links to both views and to the TEI), then the documents grouped by
  their source.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Titles and dates of the list: their text, with the typography of hi. -->
  <xsl:mode name="index" on-no-match="text-only-copy"/>

  <xsl:template match="/" mode="ed:index-page" as="element()">
    <xsl:variable name="corpus" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="title" as="xs:string" select="ed:title($corpus)"/>
    <xsl:variable name="documents" as="element(tei:bibl)*"
      select="$corpus/tei:text//tei:listBibl[@type = 'corpus' or not(@type)]
              /tei:bibl[@type = 'document' or not(@type)]"/>
    <xsl:for-each select="$documents[not(tei:ref/@target)]">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | a document of the list '
        || 'has no ref/@target, so it cannot be linked: ' || normalize-space(.)"/>
    </xsl:for-each>
    <xsl:variable name="linked" as="element(tei:bibl)*" select="$documents[tei:ref/@target]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="view" select="'index'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="description"
        select="count($linked) || ' documents, each in a reading view, a diplomatic view and TEI XML'"/>
      <xsl:with-param name="content" as="node()*">
        <header class="doc-header">
          <p class="view-label">{$ed:site-name}</p>
          <h1 id="doc-title">{$title}</h1>
          <xsl:apply-templates select="$corpus/tei:teiHeader/tei:profileDesc/tei:abstract/tei:p
            | $corpus/tei:teiHeader/tei:encodingDesc/tei:projectDesc/tei:p" mode="index"/>
          <p class="intro">{count($linked)} document{if (count($linked) eq 1) then '' else
            's'}. Each can be read in a <strong>reading view</strong> (corrections shown,
            notes as footnotes), in a <strong>diplomatic view</strong> (the source as it
            stands) and downloaded as <strong>TEI XML</strong>.</p>
          <p class="intro">The names in the documents lead to the registers of <xsl:for-each
              select="$ed:registers">
              <xsl:if test="position() gt 1">{if (position() eq last()) then ' and ' else ', '}</xsl:if>
              <a class="register-link" href="{.}.html">{lower-case($ed:register-labels(.))}</a>
            </xsl:for-each>, which list the documents that mention each of them.</p>
          <nav class="toc" aria-label="On this page">
            <a href="#by-date">By date</a> · <a href="#by-source">By source</a>
          </nav>
        </header>

        <section class="by-date" aria-labelledby="by-date">
          <h2 id="by-date">Documents by date</h2>
          <div class="table-wrap">
            <table class="doc-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Document</th>
                  <th scope="col">No.</th>
                  <th scope="col">Views</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="ed:chronological($linked)">
                  <xsl:apply-templates select="." mode="ed:row"/>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </section>

        <section class="by-source" aria-labelledby="by-source">
          <h2 id="by-source">Documents by source</h2>
          <xsl:for-each-group select="$linked" group-by="ed:source(.)">
            <xsl:sort select="ed:date-key(ed:chronological(current-group())[1]/tei:date[1])"/>
            <section class="source-group">
              <h3>{current-grouping-key()}</h3>
              <p class="group-count">{count(current-group())} document{if
                (count(current-group()) eq 1) then '' else 's'}{
                let $seeds := distinct-values(current-group()/tei:idno[@type = 'seed']
                  ! normalize-space(.))
                return if (exists($seeds)) then ' · source file ' || string-join($seeds, ', ')
                else ''}</p>
              <ol class="doc-list">
                <xsl:for-each select="ed:chronological(current-group())">
                  <li>
                    <xsl:apply-templates select="tei:date[1]" mode="index"/>
                    <xsl:if test="tei:date"> — </xsl:if>
                    <a href="reading/{ed:doc-id(tei:ref[1]/@target)}.html">
                      <xsl:apply-templates select="tei:ref[1]/node()" mode="index"/>
                    </a>
                    <xsl:if test="@n"> (No. {@n})</xsl:if>
                  </li>
                </xsl:for-each>
              </ol>
            </section>
          </xsl:for-each-group>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One row of the table of documents. -->
  <xsl:template match="tei:bibl" mode="ed:row" as="element()">
    <xsl:variable name="id" as="xs:string" select="ed:doc-id(tei:ref[1]/@target)"/>
    <xsl:variable name="name" as="xs:string" select="normalize-space(tei:ref[1])"/>
    <tr>
      <td class="col-date" data-label="Date">
        <xsl:apply-templates select="tei:date[1]" mode="index"/>
      </td>
      <td class="col-title" data-label="Document">
        <a href="reading/{$id}.html">
          <xsl:apply-templates select="tei:ref[1]/node()" mode="index"/>
        </a>
      </td>
      <td class="col-number" data-label="No.">{@n}</td>
      <td class="col-views" data-label="Views">
        <a href="reading/{$id}.html">Reading<span class="visually-hidden">
          view: {$name}</span></a>
        <xsl:text> · </xsl:text>
        <a href="diplomatic/{$id}.html">Diplomatic<span class="visually-hidden">
          view: {$name}</span></a>
        <xsl:text> · </xsl:text>
        <a href="tei/{$id}.xml" type="application/tei+xml">TEI<span
          class="visually-hidden">: {$name}</span></a>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="tei:date" mode="index" as="element()">
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

  <xsl:template match="tei:hi[@rend = 'italic'] | tei:title" mode="index" as="element()">
    <i>
      <xsl:apply-templates mode="#current"/>
    </i>
  </xsl:template>

  <xsl:template match="tei:p" mode="index" as="element()">
    <p>
      <xsl:apply-templates mode="#current"/>
    </p>
  </xsl:template>

</xsl:stylesheet>
