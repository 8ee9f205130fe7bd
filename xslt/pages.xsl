<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every page across documents in one stylesheet, each chosen by $ed:page: the list of
  documents (index-page.xsl), the search page, the timeline, the register pages, the
  map, the list of restriction instructions and the corrections page. They share
  common.xsl, the bulk of each: compiled apart, a process making all seven compiled it
  seven times (some 0.9 s of CPU at 40 documents for six of them, against about a third
  of that for this one). index.xsl, search.xsl, …
  are each page alone (what a process making one page compiles: edition/render.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="index-page.xsl"/>
  <xsl:include href="search-page.xsl"/>
  <xsl:include href="timeline-page.xsl"/>
  <xsl:include href="events.xsl"/>
  <xsl:include href="registers-page.xsl"/>
  <xsl:include href="map-page.xsl"/>
  <xsl:include href="restrictions-page.xsl"/>
  <xsl:include href="corrections-page.xsl"/>

  <!-- The page to make: the name of its stylesheet of its own (edition/render.py). -->
  <xsl:param name="ed:page" as="xs:string" select="''"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/" as="element()">
    <xsl:choose>
      <xsl:when test="$ed:page = 'index'">
        <xsl:apply-templates select="." mode="ed:index-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'search'">
        <xsl:apply-templates select="." mode="ed:search-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'timeline'">
        <xsl:apply-templates select="." mode="ed:timeline-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'registers'">
        <xsl:apply-templates select="." mode="ed:registers-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'map'">
        <xsl:apply-templates select="." mode="ed:map-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'restrictions'">
        <xsl:apply-templates select="." mode="ed:restrictions-page"/>
      </xsl:when>
      <xsl:when test="$ed:page = 'corrections'">
        <xsl:apply-templates select="." mode="ed:corrections-page"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" select="'pages.xsl: no page named ' || $ed:page"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
