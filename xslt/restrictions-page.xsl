<?xml version="1.0" encoding="UTF-8"?>
<!--
  What was kept from the public (restrictions.html): every restriction instruction of
  the edition ("do not announce this"), with the words it withholds, the document and
  its date, each linked to the passage in both views. Input: the edition tree
  (edition/sitedata.py: a teiCorpus of every document, anchors assigned).

  An instruction is a note type="restriction"; its @target points at the restricted
  words (seg type="restricted"). An instruction that points at nothing, and restricted
  words that no instruction points at, are listed too, and said to be so.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The withheld words as the reading view shows them. -->
  <xsl:mode name="withheld" on-no-match="text-only-copy"/>

  <xsl:template match="/" mode="ed:restrictions-page" as="element()">
    <xsl:variable name="documents" as="element(tei:TEI)*" select="*/tei:TEI"/>
    <xsl:variable name="rows" as="element()*">
      <xsl:for-each select="$documents">
        <xsl:sort select="string((tei:teiHeader/tei:profileDesc/tei:creation/tei:date/(@when,
          @from, @notBefore, @to, @notAfter))[1])"/>
        <xsl:variable name="tei" as="element(tei:TEI)" select="."/>
        <xsl:variable name="notes" as="element(tei:note)*"
          select="tei:text//tei:note[@type = 'restriction']"/>
        <xsl:variable name="targets" as="xs:string*"
          select="$notes ! tokenize(normalize-space(@target)) ! substring-after(., '#')"/>
        <xsl:for-each select="$notes">
          <xsl:call-template name="ed:restriction-row">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="segs" select="$tei/tei:text//tei:seg[@xml:id =
              (tokenize(normalize-space(current()/@target)) ! substring-after(., '#'))]"/>
            <xsl:with-param name="note" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="tei:text//tei:seg[@type = 'restricted'][not(@xml:id = $targets)]">
          <xsl:call-template name="ed:restriction-row">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="segs" select="."/>
            <xsl:with-param name="note" select="()"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'What was kept from the public'"/>
      <xsl:with-param name="view" select="'restrictions'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="description" select="'Every restriction instruction of the
        edition: the words withheld, the instruction, the document and its date'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="restrictions-page">
          <h1>What was kept from the public</h1>
          <p class="lede">Some documents tell their readers not to make words public: “(do
            not announce this)”. Here is every such instruction of the edition, with the
            words it withholds. {ed:count(count($rows), ('instruction', 'instructions'))} in
            {ed:count(count(distinct-values($rows/@data-doc)), ('document', 'documents'))}.
            The reading view of each document can show it as its first public audience
            would have read it.</p>
          <xsl:choose>
            <xsl:when test="exists($rows)">
              <ol class="restriction-list">
                <xsl:sequence select="$rows"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">No document of this edition carries a restriction
                instruction.</p>
            </xsl:otherwise>
          </xsl:choose>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:restriction-row" as="element()">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="segs" as="element(tei:seg)*"/>
    <xsl:param name="note" as="element(tei:note)?"/>
    <xsl:variable name="file" as="xs:string" select="string(($tei/@ed:file, $tei/@xml:id)[1])"/>
    <xsl:variable name="target" as="xs:string?"
      select="($segs/@xml:id, $note/@xml:id, ($segs, $note)[1]/ancestor::*[@ed:anchor][1]/@xml:id)[1]"/>
    <li class="restriction" data-doc="{$file}">
      <p class="withheld-words">
        <xsl:choose>
          <xsl:when test="exists($segs)">
            <xsl:for-each select="$segs">
              <mark class="restricted">“<xsl:apply-templates mode="withheld"/>”</mark>
              <xsl:if test="position() ne last()"> … </xsl:if>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <span class="unmarked">(the instruction does not mark the words it
              withholds)</span>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="instruction">Instruction: <xsl:choose>
          <xsl:when test="exists($note)"><q>{normalize-space($note)}</q></xsl:when>
          <xsl:otherwise><span class="unmarked">none points at these words</span></xsl:otherwise>
        </xsl:choose></p>
      <p class="restriction-doc">
        <a class="restriction-title" href="reading/{$file}.html">{ed:title($tei)}</a>
        <xsl:for-each select="($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date
          ! normalize-space(.))[.][last()]">
          <xsl:text>, </xsl:text>
          <span class="restriction-date">{.}</span>
        </xsl:for-each>
        <xsl:text> · the passage: </xsl:text>
        <a class="to-reading" href="reading/{$file}.html{$target ! ('#' || .)}">reading
          view</a>
        <xsl:text>, </xsl:text>
        <a class="to-diplomatic" href="diplomatic/{$file}.html{$target ! ('#' || .)}"
          >diplomatic view</a>
      </p>
    </li>
  </xsl:template>

  <!-- The withheld words: the editors' side of a choice, notes left out. -->
  <xsl:template match="tei:choice" mode="withheld" as="node()*">
    <xsl:apply-templates select="(tei:corr, tei:reg, tei:expan, *)[1]/node()" mode="#current"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="withheld" as="empty-sequence()"/>
  <xsl:template match="tei:lb" mode="withheld" as="text()">
    <xsl:text> </xsl:text>
  </xsl:template>

</xsl:stylesheet>
