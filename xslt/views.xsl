<?xml version="1.0" encoding="UTF-8"?>
<!--
  Both views of a TEI document in one stylesheet: the reading view (reading-view.xsl)
  and the diplomatic view (diplomatic-view.xsl), chosen by $ed:view. Compiled once for
  both: compiling them apart compiled common.xsl, the bulk of either, twice (0.21-0.29 s
  of CPU against 0.09-0.15 s for this one). reading.xsl and diplomatic.xsl are this
  stylesheet with its view fixed, for use alone (tests/test_views.py).
  The timeline's items of dated events (events.xsl's ed:event-items) are here too: a
  process that has rendered a document makes them without compiling pages.xsl (0.2 s
  of a corrected document's build, on its last stretch: edition/render.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="common.xsl"/>
  <xsl:include href="reading-view.xsl"/>
  <xsl:include href="diplomatic-view.xsl"/>
  <xsl:include href="events.xsl"/>

  <!-- The document's id (names the pages); edition/render.py passes it. -->
  <xsl:param name="doc-id" as="xs:string" select="''"/>

  <!-- Only the document node is processed in the unnamed mode. -->
  <xsl:mode on-no-match="fail"/>

  <!-- The view to render: 'reading' or 'diplomatic' (edition/render.py passes it). -->
  <xsl:param name="ed:view" as="xs:string" select="'reading'"/>

  <xsl:variable name="ed:quote-marks" as="xs:string+"
    select="if ($ed:view = 'diplomatic') then $ed:common-quote-marks else $ed:reading-quote-marks"/>

  <xsl:template match="/" as="element()">
    <xsl:choose>
      <xsl:when test="$ed:view = 'diplomatic'">
        <xsl:apply-templates select="." mode="ed:diplomatic-page"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="ed:reading-page"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/" mode="ed:article" as="element()">
    <xsl:choose>
      <xsl:when test="$ed:view = 'diplomatic'">
        <xsl:apply-templates select="." mode="ed:diplomatic-article"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="ed:reading-article"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:bibl-number" as="element()?">
    <xsl:choose>
      <xsl:when test="$ed:view = 'diplomatic'">
        <xsl:call-template name="ed:diplomatic-bibl-number"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:common-bibl-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
