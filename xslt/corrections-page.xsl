<?xml version="1.0" encoding="UTF-8"?>
<!--
  The corrections page (corrections.html): the translation apparatus of the whole
  edition, by document. Input: a teiCorpus of the edition's TEI documents in the order
  of the list of documents (edition/corrections_page.py assembles it from tei/).
  For each correction (choice: sic/corr, orig/reg) and each passage printed twice
  (surplus): what the source prints, what the reading view shows, why (the header
  category the @ana points at) and who made it (@resp). Its templates (mode
  ed:corrections-page), included by pages.xsl (a build makes it with the other pages
  across documents, common.xsl compiled once) and by corrections.xsl (alone).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The forms in the table: their text as in the diplomatic view. -->
  <xsl:mode name="ed:form" on-no-match="text-only-copy"/>

  <xsl:template match="/" mode="ed:corrections-page" as="element()">
    <xsl:variable name="docs" as="element(tei:TEI)*" select="
      (tei:teiCorpus/tei:TEI, tei:TEI)[matches(string(@xml:id), '^[A-Za-z0-9._-]+$')]"/>
    <xsl:variable name="with" as="element(tei:TEI)*"
      select="$docs[exists(ed:apparatus(.))]"/>
    <xsl:variable name="total" as="xs:integer" select="count($with ! ed:apparatus(.))"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Corrections'"/>
      <xsl:with-param name="view" select="'corrections'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="description" select="'Every correction of the source by the '
        || 'editors, by document, with the source''s reading and the reason'"/>
      <xsl:with-param name="content" as="node()*">
        <header class="doc-header">
          <p class="view-label">{$ed:site-name}</p>
          <h1 id="doc-title">Corrections</h1>
          <p class="intro">The editors' corrections of the sources: errors of transmission
            and of translation that change the meaning, names garbled on their way through
            Russian, translated newspaper titles and passages printed twice. The reading view
            shows each correction (hover over it, focus it or tap it to see what the source
            prints and why); the diplomatic view shows the source as printed.
            {$total} {if ($total = 1) then 'correction' else 'corrections'} in
            {count($with)} {if (count($with) = 1) then 'document' else 'documents'}.</p>
        </header>
        <xsl:for-each select="$with">
          <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
          <section class="corrections-doc" aria-labelledby="c-{$id}">
            <h2 id="c-{$id}">
              <a href="reading/{$id}.html">{ed:title(.)}</a>
            </h2>
            <table class="corrections-table">
              <thead>
                <tr>
                  <th scope="col">The source prints</th>
                  <th scope="col">The reading view shows</th>
                  <th scope="col">Why</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="ed:apparatus(.)">
                  <xsl:variable name="category" as="element(tei:category)?" select="
                    (ancestor::tei:TEI[1]//tei:category[@xml:id = substring-after(current()/@ana, '#')])[1]"/>
                  <xsl:variable name="resp" as="xs:string?" select="
                    (self::tei:surplus, tei:corr, tei:reg)[1]/@resp ! normalize-space(.)"/>
                  <tr>
                    <td class="c-source">
                      <xsl:apply-templates mode="ed:form" select="
                        if (self::tei:surplus) then node() else (tei:sic, tei:orig)[1]/node()"/>
                    </td>
                    <td class="c-reading">
                      <xsl:choose>
                        <xsl:when test="self::tei:surplus">
                          <span class="c-none">left out (printed twice)</span>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:apply-templates mode="ed:form"
                            select="(tei:corr, tei:reg)[1]/node()"/>
                        </xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td class="c-why">{($category/tei:catDesc[1] ! normalize-space(.),
                      'no reason recorded')[1]}</td>
                    <td class="c-resp">{ed:resp(ancestor::tei:TEI[1], $resp)}</td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </section>
        </xsl:for-each>
        <xsl:if test="empty($with)">
          <p>No document of the edition has a correction.</p>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A document's corrections and passages printed twice, in its text, in order; not a
       form the translation itself prints beside another (reg rend="brackets"). -->
  <xsl:function name="ed:apparatus" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text//(tei:choice[tei:sic and tei:corr
      or tei:orig and tei:reg][not(tei:reg/@rend = 'brackets')] | tei:surplus)"/>
  </xsl:function>

  <!-- Who made a correction: the name of the respStmt @resp points at, else the pointer. -->
  <xsl:function name="ed:resp" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="resp" as="xs:string?"/>
    <xsl:variable name="stmt" as="element()?" select="
      ($tei/tei:teiHeader//tei:respStmt[@xml:id = substring-after($resp, '#')])[1]"/>
    <xsl:sequence select="($stmt/(tei:name, tei:persName, tei:orgName)[1] ! normalize-space(.),
      $resp[normalize-space()], 'not stated')[1]"/>
  </xsl:function>

  <!-- Notes inside a form are apparatus of their own: not repeated in the table. -->
  <xsl:template match="tei:note" mode="ed:form" as="empty-sequence()"/>
  <xsl:template match="tei:lb" mode="ed:form" as="text()">
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
