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

  <!-- "[North]": the translator's brackets, as printed. Another project's supplied
       words by the Leiden conventions its @reason names (EpiDoc): lost "[abc]", omitted
       by the writer "⟨abc⟩", unspoken "(abc)"; uncertain (cert="low") "[abc?]". -->
  <xsl:template match="tei:supplied" mode="diplomatic" as="element()">
    <xsl:variable name="marks" as="xs:string+" select="
      if (@reason = 'omitted') then ('⟨', '⟩')
      else if (@reason = 'subaudible') then ('(', ')') else ('[', ']')"/>
    <span class="supplied">
      <xsl:if test="@reason = ('omitted', 'subaudible')">
        <xsl:attribute name="title" select="if (@reason = 'omitted')
          then 'left out by the writer, supplied by the editors'
          else 'not written, understood: supplied by the editors'"/>
      </xsl:if>
      <xsl:text>{$marks[1]}</xsl:text>
      <xsl:apply-templates mode="diplomatic"/>
      <xsl:text>{if (@cert = 'low') then '?' else ''}{$marks[2]}</xsl:text>
    </span>
  </xsl:template>

  <!-- A line of the source with its number (another project's lb/@n, as an inscription's
       or a manuscript's lines are numbered): the number at the line's start, apart from
       its words; the first line of a block breaks no line. -->
  <xsl:template match="tei:lb[normalize-space(@n)]" mode="diplomatic" as="node()+">
    <xsl:if test="not(ed:opens-block(.))">
      <br/>
    </xsl:if>
    <span class="line-number lb-number apparatus" title="line {normalize-space(@n)}"
      >{normalize-space(@n)}</span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Words struck out and then restored (restore): the deletion, and that it was
       undone. -->
  <xsl:template match="tei:restore" mode="diplomatic" as="element()">
    <span class="restore" title="struck out, then restored in the source">
      <xsl:apply-templates mode="diplomatic"/>
      <span class="apparatus"> (restored)</span>
    </span>
  </xsl:template>

  <!-- A column break: "[col. 2]", as a page break is "[p. 2]". -->
  <xsl:template match="tei:cb" mode="diplomatic" as="element()">
    <span class="cb apparatus" title="column break in the source{@n ! (': column ' || .)}">
      <xsl:call-template name="ed:id"/>
      <xsl:text>[{if (normalize-space(@n)) then 'col. ' || normalize-space(@n)
        else 'column break'}]</xsl:text>
    </span>
  </xsl:template>

  <!-- A change of hand: "[hand: A later hand in pencil]", the hand as the header
       describes it (handNote), else as the file names it. -->
  <xsl:template match="tei:handShift" mode="diplomatic" as="element()">
    <xsl:variable name="id" as="xs:string" select="replace(normalize-space(@new), '^#', '')"/>
    <xsl:variable name="note" as="xs:string?" select="(key('ed:xml-id', $id, root(.))[self::tei:handNote]
      ! normalize-space(.))[.][1]"/>
    <xsl:variable name="hand" as="xs:string?" select="($note, $id[.],
      (@scribe, @medium, @script) ! normalize-space(.)[.])[1]"/>
    <span class="handshift apparatus" title="the hand changes here">[hand{$hand !
      (': ' || (if (string-length(.) gt 80) then substring(., 1, 79) || '…' else .))}] </span>
  </xsl:template>

  <!-- Words added above or below the line, by the Leiden signs: "`abc´", "/abc\"; in
       a margin or elsewhere after the place, said as the edition's: "(in the left
       margin) abc". -->
  <xsl:template match="tei:add[@place]" mode="diplomatic" as="element()">
    <xsl:variable name="place" as="xs:string" select="normalize-space(@place)"/>
    <xsl:variable name="marks" as="xs:string*" select="
      if ($place = ('above', 'supralinear', 'interlinear', 'top')) then ('`', '´')
      else if ($place = ('below', 'infralinear', 'bottom')) then ('/', '\') else ()"/>
    <xsl:variable name="where" as="xs:string" select="if ($place = ('above', 'below'))
      then $place || ' the line' else 'in the ' || replace(translate($place, '-_', '  '),
      '^margin (.+)$', '$1 margin')"/>
    <ins class="add{ed:tokens(@place, ' add-')}" title="added {$where}">
      <xsl:if test="empty($marks)">
        <span class="add-place apparatus"> ({$where}) </span>
      </xsl:if>
      <xsl:text>{$marks[1]}</xsl:text>
      <xsl:apply-templates mode="diplomatic"/>
      <xsl:text>{$marks[2]}</xsl:text>
    </ins>
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
      <xsl:when test="@reason = 'lost' and exists($quantity)
        and (not(@unit) or @unit = ('chars', 'char'))">
        <span class="gap gap-lost" title="{ed:extent(.)} lost">{
          string-join((1 to ($quantity, 1)[1]) ! '□')}</span>
      </xsl:when>
      <xsl:when test="@reason = ('link-only', 'cut-off')"/>
      <!-- another project's gap, Leiden-like: dashes, its extent and its reason
           ("3 lines lost") in brackets -->
      <xsl:otherwise>
        <span class="gap apparatus">[---{ed:extent(.) ! (' ' || .)} {
          (normalize-space(@reason)[.] ! (if (. = 'damage') then 'damaged'
          else translate(., '-_', '  ')), 'missing')[1]}]</span>
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
