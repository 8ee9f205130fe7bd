<?xml version="1.0" encoding="UTF-8"?>
<!--
  The diplomatic view of one TEI document: the source as it stands.
  Its spelling and errors (sic, orig), its brackets ([North], [...], [zakaleny], [sic]),
  its lost characters (□), its breaks, its footnote signs as printed, with the notes
  after the text under those signs. Every word of the TEI text reaches this page;
  whatever the edition adds (title, view switch, metadata, headings of the note list)
  is apparatus, in elements with the class "apparatus" or outside main.
  Output: diplomatic/<id>.html (edition/render.py names the file).

  This module holds the view's templates; it is not a stylesheet of its own. diplomatic.xsl
  makes it one (the diplomatic view alone), views.xsl makes one of both views, compiled
  once for both (what edition/render.py uses).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:mode name="diplomatic" on-no-match="text-only-copy"/>

  <xsl:template match="/" mode="ed:diplomatic-page" as="element()">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="id" as="xs:string"
      select="($doc-id[normalize-space()], $tei/@xml:id!string(), 'document')[1]"/>
    <xsl:variable name="title" as="xs:string" select="ed:page-title($tei)"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="view" select="'diplomatic'"/>
      <xsl:with-param name="doc-id" select="$id"/>
      <xsl:with-param name="description"
        select="string-join($tei/tei:teiHeader/tei:profileDesc/tei:abstract, ' ')"/>
      <xsl:with-param name="article" select="true()"/>
      <xsl:with-param name="ed:id" select="$id" tunnel="yes"/>
      <xsl:with-param name="ed:title" select="$title" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The article of the page: written by ed:page in its place, straight to the page
       (as a parameter it would be built in memory first and copied). -->
  <xsl:template match="/" mode="ed:diplomatic-article" as="element()">
    <xsl:param name="ed:id" as="xs:string" tunnel="yes"/>
    <xsl:param name="ed:title" as="xs:string" tunnel="yes"/>
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
        <article class="document" aria-labelledby="doc-title">
          <header class="doc-header apparatus">
            <p class="view-label">Diplomatic view</p>
            <h1 id="doc-title">{$ed:title}</h1>
            <xsl:call-template name="ed:volume-nav">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
            <p class="view-note">The source as it stands: its spelling, errors, brackets,
              breaks and footnote signs. What the edition adds is set like this line.</p>
          </header>
          <details class="metadata apparatus">
            <summary>About this document</summary>
            <xsl:for-each select="$tei">
              <xsl:call-template name="ed:metadata-list"/>
            </xsl:for-each>
          </details>
          <xsl:call-template name="ed:volume-summary">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <div class="document-text" lang="{ed:text-lang($tei)}">
            <xsl:apply-templates select="ed:scope($tei), ed:stand-off($tei)"
              mode="diplomatic"/>
          </div>
          <xsl:call-template name="ed:volume-nav">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="place" select="'bottom'"/>
          </xsl:call-template>
          <!-- the notes in the order the source prints them: the converter numbers
               them so (…-n1, …-n2); a note may be printed before an earlier sign's -->
          <xsl:call-template name="ed:diplomatic-note-list">
            <xsl:with-param name="notes" as="element(tei:note)*">
              <xsl:perform-sort select="ed:listed-notes($tei)">
                <xsl:sort select="if (matches(@xml:id, '-n\d+$'))
                  then xs:integer(replace(@xml:id, '^.*-n(\d+)$', '$1'))
                  else ed:note-number(.)"/>
              </xsl:perform-sort>
            </xsl:with-param>
          </xsl:call-template>
          <div class="apparatus">
            <xsl:call-template name="ed:cite">
              <xsl:with-param name="view" select="'diplomatic'"/>
              <xsl:with-param name="doc-id" select="$ed:id"/>
              <xsl:with-param name="title" select="$ed:title"/>
            </xsl:call-template>
          </div>
        </article>
  </xsl:template>

  <!-- ===== notes: the printed sign at the anchor, the note under it after the text ===== -->

  <!-- The sign of a note: @n as printed; a note without one (an editor's note) gets a
       marker of the edition, set as apparatus. -->
  <xsl:template name="ed:diplomatic-note-sign" as="element()">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="id" as="xs:string?"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:element name="{if ($href) then 'a' else 'span'}">
      <xsl:attribute name="class" select="$class || (if (@n) then '' else ' apparatus')"/>
      <xsl:if test="$href">
        <xsl:attribute name="href" select="$href"/>
        <xsl:attribute name="title" select="$label"/>
      </xsl:if>
      <xsl:if test="exists($id)">
        <xsl:attribute name="id" select="$id"/>
      </xsl:if>
      <xsl:text>{if (@n) then string(@n) else '[n' || ed:note-number(.) || ']'}</xsl:text>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:note[not(ed:is-inline-note(.))]" mode="diplomatic"
    as="element()">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="id" as="xs:string" select="ed:note-id(.)"/>
    <xsl:call-template name="ed:diplomatic-note-sign">
      <xsl:with-param name="class" select="'fn-sign'"/>
      <xsl:with-param name="href" select="'#fn-' || $id"/>
      <xsl:with-param name="id" select="if ($ed:copy) then () else 'fnref-' || $id"/>
      <xsl:with-param name="label" select="'go to the note'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:diplomatic-note-list" as="element()?">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading" class="apparatus">Notes</h2>
        <ul class="notes-list notes-signed">
          <xsl:for-each select="$notes">
            <xsl:variable name="id" as="xs:string" select="ed:note-id(.)"/>
            <li id="fn-{$id}">
              <xsl:call-template name="ed:diplomatic-note-sign">
                <!-- a note printed without its sign: the sign here is apparatus -->
                <xsl:with-param name="class"
                  select="'fn-back' || (if (@rend = 'unlabelled') then ' apparatus' else '')"/>
                <xsl:with-param name="href"
                  select="if (@type = 'unanchored') then '' else '#fnref-' || $id"/>
                <xsl:with-param name="id" select="()"/>
                <xsl:with-param name="label" select="'back to the text'"/>
              </xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:apply-templates mode="diplomatic"/>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== the encoding contract, diplomatic side ===== -->

  <!-- "[North]": the translator's brackets, as printed. -->
  <xsl:template match="tei:supplied" mode="diplomatic" as="element()">
    <span class="supplied">
      <xsl:text>[</xsl:text>
      <xsl:apply-templates mode="diplomatic"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- "[illegible]": the source's own words for what is not there, in their brackets. -->
  <xsl:template match="tei:gap[tei:desc]" mode="diplomatic" as="element()" priority="1">
    <span class="gap gap-{@reason}">[{normalize-space(tei:desc[1])}]</span>
  </xsl:template>

  <!-- "[...]", "□□"; a gap the source does not show adds nothing. -->
  <xsl:template match="tei:gap" mode="diplomatic" as="element()?">
    <xsl:variable name="quantity" as="xs:integer?" select="
      @quantity[. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:choose>
      <xsl:when test="@reason = 'omitted'">
        <span class="gap gap-omitted">[...]</span>
      </xsl:when>
      <xsl:when test="@reason = 'lost' and (not(@unit) or @unit = ('chars', 'char'))">
        <span class="gap gap-lost" title="{ed:extent(.)} lost">{
          string-join((1 to ($quantity, 1)[1]) ! '□')}</span>
      </xsl:when>
      <xsl:when test="@reason = ('link-only', 'cut-off')"/>
      <xsl:otherwise>
        <span class="gap apparatus">[gap{ed:extent(.) ! (': ' || .)}{@reason ! (', ' || .)}]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "[zakaleny]": the source's brackets around the original word. -->
  <xsl:template match="tei:foreign" mode="diplomatic" as="element()">
    <span class="foreign">
      <xsl:call-template name="ed:lang"/>
      <xsl:if test="@rend = 'brackets'">[</xsl:if>
      <xsl:apply-templates mode="diplomatic"/>
      <xsl:if test="@rend = 'brackets'">]</xsl:if>
    </span>
  </xsl:template>

  <!-- The break point of a paragraph broken mid-sentence: shown, without adding text. -->
  <xsl:template match="tei:lb[@type = 'break']" mode="diplomatic" as="element()">
    <span class="source-break" title="break in the source" role="presentation"></span>
  </xsl:template>

  <!-- "Document No. 1": from @n, so apparatus here. -->
  <xsl:template name="ed:diplomatic-bibl-number" as="element()?">
    <xsl:if test="@type = 'document' and @n and not(tei:idno[@type = 'document'])">
      <span class="bibl-number apparatus">Document No. {@n}</span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
