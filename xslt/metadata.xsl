<?xml version="1.0" encoding="UTF-8"?>
<!--
  Machine-readable metadata in each page's head, from the teiHeader: Dublin Core
  (<meta name="DC.…">, the DC-HTML convention, with the DCTERMS link to the TEI file)
  and schema.org (microdata on the head element: itemprop metas, no script). Included
  by page.xsl; called in the head with the page's title, description and document id; the
  context is the page's source (a document, the corpus or the registers file).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The head's schema.org type: a document's page is a CreativeWork, the others
       web pages of the edition. -->
  <xsl:function name="ed:schema-type" as="xs:string">
    <xsl:param name="doc-id" as="xs:string?"/>
    <xsl:sequence select="if (exists($doc-id)) then 'https://schema.org/CreativeWork'
      else 'https://schema.org/WebPage'"/>
  </xsl:function>

  <xsl:template name="ed:head-metadata" as="element()*">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="doc-id" as="xs:string?"/>
    <xsl:param name="description" as="xs:string?"/>
    <xsl:variable name="tei" as="element(tei:TEI)?"
      select="if (. instance of node()) then (root(.)/tei:TEI)[1] else ()"/>
    <xsl:variable name="header" as="element(tei:teiHeader)?" select="$tei/tei:teiHeader"/>
    <xsl:variable name="date" as="xs:string?" select="if (exists($doc-id))
      then ($header/tei:profileDesc/tei:creation/tei:date ! ed:date-value(.))[1] else ()"/>
    <!-- the language of the text shown (a translation's, not its original's) -->
    <xsl:variable name="languages" as="xs:string*" select="($tei/tei:text/@xml:lang,
      $tei/@xml:lang)[normalize-space()][1] ! string(.)"/>
    <!-- a document's publisher and what it is part of by its own header (another
         project's file is no part of this edition); the site's pages the site -->
    <xsl:variable name="publisher" as="xs:string?" select="if (exists($doc-id))
      then ed:publisher-of($tei) else $ed:site-name"/>
    <xsl:variable name="part-of" as="xs:string?" select="if (exists($doc-id))
      then ed:part-of($tei) else $ed:site-name"/>
    <xsl:variable name="source" as="xs:string?" select="if (exists($doc-id))
      then ($header/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'citation'][normalize-space()]
            ! normalize-space(.))[1] else ()"/>
    <xsl:variable name="rights" as="xs:string?" select="if (exists($doc-id))
      then normalize-space(string-join($header/tei:fileDesc/tei:publicationStmt/
           tei:availability//text(), ' ')) else ()"/>
    <xsl:variable name="creators" as="xs:string*" select="if (exists($doc-id))
      then $header/tei:fileDesc/tei:titleStmt/tei:author[normalize-space()] ! normalize-space(.)
      else ()"/>
    <!-- Dublin Core -->
    <!-- (no rel="schema.DC" links: the page names nothing outside the edition; readers of
         DC.* metas, such as Zotero, do not need them) -->
    <meta name="DC.title" content="{$title}"/>
    <xsl:for-each select="$creators">
      <meta name="DC.creator" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="exists($publisher)">
      <meta name="DC.publisher" content="{$publisher}"/>
    </xsl:if>
    <xsl:if test="exists($date)">
      <meta name="DC.date" content="{$date}"/>
    </xsl:if>
    <xsl:if test="normalize-space($description)">
      <meta name="DC.description" content="{normalize-space($description)}"/>
    </xsl:if>
    <xsl:for-each select="$languages">
      <meta name="DC.language" content="{.}"/>
    </xsl:for-each>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:if test="exists($source)">
      <meta name="DC.source" content="{$source}"/>
    </xsl:if>
    <xsl:if test="normalize-space($rights)">
      <meta name="DC.rights" content="{$rights}"/>
    </xsl:if>
    <xsl:if test="exists($part-of)">
      <meta name="DCTERMS.isPartOf" content="{$part-of}"/>
    </xsl:if>
    <xsl:if test="exists($doc-id)">
      <link rel="DCTERMS.isFormatOf" href="../tei/{ed:tei-file($doc-id)}"/>
    </xsl:if>
    <!-- schema.org, as microdata of the head (itemscope/itemtype are set on it) -->
    <meta itemprop="name" content="{$title}"/>
    <xsl:if test="exists($publisher)">
      <meta itemprop="publisher" content="{$publisher}"/>
    </xsl:if>
    <xsl:if test="exists($part-of)">
      <meta itemprop="isPartOf" content="{$part-of}"/>
    </xsl:if>
    <xsl:if test="exists($date)">
      <meta itemprop="dateCreated" content="{$date}"/>
    </xsl:if>
    <xsl:if test="normalize-space($description)">
      <meta itemprop="description" content="{normalize-space($description)}"/>
    </xsl:if>
    <xsl:for-each select="$languages">
      <meta itemprop="inLanguage" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$creators">
      <meta itemprop="author" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="normalize-space($rights)">
      <meta itemprop="copyrightNotice" content="{$rights}"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
