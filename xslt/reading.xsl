<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading view of one TEI document, as a stylesheet of its own: views.xsl (both
  views in one, what the build compiles) with its view fixed. The view's templates are
  in reading-view.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <xsl:import href="views.xsl"/>

  <xsl:param name="ed:view" xmlns:ed="urn:edition:functions" as="xs:string"
    select="'reading'"/>

</xsl:stylesheet>
