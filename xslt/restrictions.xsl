<?xml version="1.0" encoding="UTF-8"?>
<!--
  The list of restriction instructions (restrictions.html), as a stylesheet of its own: the templates of
  restrictions-page.xsl (mode ed:restrictions-page) with common.xsl. The build compiles pages.xsl instead,
  every page across documents in one, where a process makes more than one of them.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="restrictions-page.xsl"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/" as="element()">
    <xsl:apply-templates select="." mode="ed:restrictions-page"/>
  </xsl:template>

</xsl:stylesheet>
