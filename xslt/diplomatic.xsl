<?xml version="1.0" encoding="UTF-8"?>
<!--
  The diplomatic view of one TEI document, as a stylesheet of its own (its templates are
  in diplomatic-view.xsl). The build compiles views.xsl, both views in one stylesheet, the
  same pages (tests/test_views.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="common.xsl"/>
  <xsl:include href="diplomatic-view.xsl"/>

  <!-- The document's id (names the pages); edition/render.py passes it. -->
  <xsl:param name="doc-id" as="xs:string" select="''"/>

  <!-- Only the document node is processed in the unnamed mode. -->
  <xsl:mode on-no-match="fail"/>

  <xsl:variable name="ed:quote-marks" as="xs:string+" select="$ed:common-quote-marks"/>

  <xsl:template match="/" as="element()">
    <xsl:apply-templates select="." mode="ed:diplomatic-page"/>
  </xsl:template>

  <xsl:template match="/" mode="ed:article" as="element()">
    <xsl:apply-templates select="." mode="ed:diplomatic-article"/>
  </xsl:template>

  <xsl:template name="ed:bibl-number" as="element()?">
    <xsl:call-template name="ed:diplomatic-bibl-number"/>
  </xsl:template>

</xsl:stylesheet>
