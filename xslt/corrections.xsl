<?xml version="1.0" encoding="UTF-8"?>
<!--
  The corrections page (corrections.html) as a stylesheet of its own: the templates of
  corrections-page.xsl (mode ed:corrections-page) with common.xsl, for a process that
  makes this page alone (`edition render FILE…`). A build makes it with pages.xsl, every
  page across documents in one.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="corrections-page.xsl"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/" as="element()">
    <xsl:apply-templates select="." mode="ed:corrections-page"/>
  </xsl:template>

</xsl:stylesheet>
