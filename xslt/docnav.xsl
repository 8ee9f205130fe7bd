<?xml version="1.0" encoding="UTF-8"?>
<!--
  Previous and next document: in date order over the whole edition, and within the
  document's own source (the printed collection, the archive …). The order is the
  corpus file's, sorted by date (ISO start), then printed number, then id, as the list
  of documents sorts. Included by page.xsl; needs the $corpus parameter.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The document id a corpus entry points at ("scr-070.xml" → "scr-070"). -->
  <xsl:function name="ed:entry-id" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="replace(normalize-space(($bibl/tei:ref/@target)[1]), '\.xml$', '')"/>
  </xsl:function>

  <xsl:function name="ed:entry-sort" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="string(($bibl/tei:date/(@when, @from, @notBefore, @to, @notAfter)
      ! normalize-space(.))[.][1])"/>
  </xsl:function>

  <!-- The corpus's entries in that order, as copies in a document of their own: made once
       per corpus (edition/render.py asks for it and passes it back as $corpus-order)
       rather than sorted again for every page. -->
  <xsl:function name="ed:corpus-order" as="document-node()" visibility="public">
    <xsl:param name="corpus" as="document-node()"/>
    <xsl:variable name="sorted" as="element(tei:bibl)*">
      <xsl:perform-sort select="$corpus//tei:listBibl/tei:bibl[tei:ref/@target]">
        <xsl:sort select="ed:entry-sort(.)"/>
        <xsl:sort select="if (@n castable as xs:integer) then xs:integer(@n) else 0"/>
        <xsl:sort select="ed:entry-id(.)"/>
      </xsl:perform-sort>
    </xsl:variable>
    <!-- each with its document id and its source, worked out here once -->
    <xsl:document>
      <xsl:for-each select="$sorted">
        <xsl:copy>
          <xsl:attribute name="ed:id" select="ed:entry-id(.)"/>
          <xsl:attribute name="ed:source" select="normalize-space(tei:title[@type = 'source'])"/>
          <xsl:copy-of select="@*, node()"/>
        </xsl:copy>
      </xsl:for-each>
    </xsl:document>
  </xsl:function>

  <xsl:param name="corpus-order" as="document-node()?" select="()"/>
  <xsl:variable name="ed:corpus-order" as="document-node()?"
    select="($corpus-order, $corpus ! ed:corpus-order(.))[1]"/>
  <xsl:key name="ed:corpus-entry" match="tei:bibl[@ed:id]" use="string(@ed:id)"/>

  <xsl:template name="ed:doc-neighbours" as="element()*">
    <xsl:param name="doc-id" as="xs:string"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:variable name="here" as="element(tei:bibl)?"
      select="key('ed:corpus-entry', $doc-id, $ed:corpus-order)[1]"/>
    <xsl:if test="exists($here)">
      <xsl:variable name="source" as="xs:string" select="string($here/@ed:source)"/>
      <xsl:variable name="source-prev" as="element(tei:bibl)?"
        select="$here/preceding-sibling::tei:bibl[@ed:source eq $source][1]"/>
      <xsl:variable name="source-next" as="element(tei:bibl)?"
        select="$here/following-sibling::tei:bibl[@ed:source eq $source][1]"/>
      <!-- always at hand (fixed in a corner): the other view, at the paragraph at the top
           of the window (edition.js adds the anchor when it is followed) -->
      <xsl:variable name="other" as="xs:string"
        select="if ($view eq 'reading') then 'diplomatic' else 'reading'"/>
      <a class="view-here apparatus" href="../{$other}/{$doc-id}.html" data-view="{$other}"
        >{$ed:view-labels($other)} here</a>
      <xsl:variable name="prev" as="element(tei:bibl)?" select="$here/preceding-sibling::tei:bibl[1]"/>
      <xsl:variable name="next" as="element(tei:bibl)?" select="$here/following-sibling::tei:bibl[1]"/>
      <!-- (a document alone has no other documents: no row, no nav, says so) -->
      <xsl:if test="exists(($prev, $next, $source-prev, $source-next))">
      <nav class="doc-nav apparatus" aria-label="Other documents">
        <xsl:if test="exists(($prev, $next))">
          <xsl:call-template name="ed:neighbour-pair">
            <xsl:with-param name="prev" select="$prev"/>
            <xsl:with-param name="next" select="$next"/>
            <xsl:with-param name="label" select="'By date'"/>
            <xsl:with-param name="kind" select="'date'"/>
            <xsl:with-param name="view" select="$view"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$source and exists(($source-prev, $source-next))">
          <xsl:call-template name="ed:neighbour-pair">
            <xsl:with-param name="prev" select="$source-prev"/>
            <xsl:with-param name="next" select="$source-next"/>
            <xsl:with-param name="label" select="'In ' || $source"/>
            <xsl:with-param name="kind" select="'source'"/>
            <xsl:with-param name="view" select="$view"/>
          </xsl:call-template>
        </xsl:if>
      </nav>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:neighbour-pair" as="element()">
    <xsl:param name="prev" as="element(tei:bibl)?"/>
    <xsl:param name="next" as="element(tei:bibl)?"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="view" as="xs:string"/>
    <div class="doc-nav-row doc-nav-{$kind}">
      <span class="doc-nav-label">{$label}:</span>
      <xsl:for-each select="$prev, $next">
        <xsl:variable name="rel" as="xs:string" select="if (. is $prev) then 'prev' else 'next'"/>
        <a class="doc-nav-link doc-{$rel}" href="../{$view}/{ed:entry-id(.)}.html"
          data-kind="{$kind}" title="{normalize-space(tei:ref)}">
          <xsl:if test="$kind eq 'date'">
            <xsl:attribute name="rel" select="$rel"/>
          </xsl:if>
          <span class="doc-nav-dir">{if ($rel eq 'prev') then '← Previous' else 'Next →'}</span>
          <xsl:text> </xsl:text>
          <span class="doc-nav-title">{normalize-space(tei:date)}<xsl:if
            test="@n"> · No. {@n}</xsl:if></span>
        </a>
      </xsl:for-each>
    </div>
  </xsl:template>

</xsl:stylesheet>
