<?xml version="1.0" encoding="UTF-8"?>
<!--
  Volumes: one TEI file holding many documents (div type="document", as FRUS encodes a
  printed volume) is published as a volume page and one page per document.

  edition/render.py finds the documents (the outermost div type="document" of the text,
  in document order), names their pages and renders each view once for the volume page
  (unit = 0) and once per document (unit = its position). The volume page shows the
  text with each document replaced by an entry of the table of contents; a document page
  shows that document, with links to the previous and next ones and to the volume.

  A pointer "#id" leads to the page that shows the element with that id: the same page,
  another document's page or the volume page (ed:fragment-href).
  Included by common.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The page names of the volume's documents, in order, separated by spaces; empty when
       the file is not rendered as a volume. -->
  <xsl:param name="unit-pages" as="xs:string" select="''"/>
  <!-- The document of the volume this page shows (1, 2 …); 0 for the volume page. -->
  <xsl:param name="unit" as="xs:integer" select="0"/>
  <!-- The page name of the volume page. -->
  <xsl:param name="volume-id" as="xs:string" select="''"/>
  <!-- The name of the TEI file a page comes from, in the site's tei/ folder; empty for
       "<doc-id>.xml". -->
  <xsl:param name="tei-file" as="xs:string" select="''"/>
  <!-- The graphics found beside the TEI file: their @url and, after a space, their path
       in the site, one pair per line. -->
  <xsl:param name="graphics" as="xs:string" select="''"/>

  <xsl:variable name="ed:unit-names" as="xs:string*" select="tokenize($unit-pages)"/>
  <xsl:variable name="ed:volume" as="xs:boolean" select="exists($ed:unit-names)"/>

  <xsl:key name="ed:units" use="'unit'"
    match="tei:text//tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>
  <xsl:key name="ed:xml-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The TEI file of a page, in the site's tei/ folder. -->
  <xsl:function name="ed:tei-file" as="xs:string">
    <xsl:param name="doc-id" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($tei-file)) then $tei-file
      else $doc-id || '.xml'"/>
  </xsl:function>

  <!-- The documents of a volume, in order. -->
  <xsl:function name="ed:units" as="element(tei:div)*">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="if ($ed:volume) then key('ed:units', 'unit', root($n)) else ()"/>
  </xsl:function>

  <!-- The document of the volume that $e belongs to, or () for the volume's own parts. -->
  <xsl:function name="ed:unit-of" as="element(tei:div)?">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="if ($ed:volume) then
      $e/ancestor-or-self::tei:div[@type = 'document'][not(ancestor::tei:div[@type =
      'document'])][ancestor::tei:text] else ()"/>
  </xsl:function>

  <!-- The page name of a document of the volume. -->
  <xsl:function name="ed:unit-page" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="position" as="xs:integer?"
      select="index-of(ed:units($div) ! generate-id(.), generate-id($div))[1]"/>
    <xsl:sequence select="($ed:unit-names[$position], $volume-id)[1]"/>
  </xsl:function>

  <!-- The page name of the page that shows $e. -->
  <xsl:function name="ed:page-of" as="xs:string">
    <xsl:param name="e" as="node()"/>
    <xsl:variable name="unit" as="element(tei:div)?" select="ed:unit-of($e)"/>
    <xsl:sequence select="if (exists($unit)) then ed:unit-page($unit) else $volume-id"/>
  </xsl:function>

  <!-- The page being made. -->
  <xsl:variable name="ed:this-page" as="xs:string"
    select="if ($unit gt 0) then ($ed:unit-names[$unit], $volume-id)[1] else $volume-id"/>

  <!-- The link for a pointer "#id" made from the element $from: to the same page, or to the
       page of the volume that shows the element with that id. A footnote's id leads to
       the note in the list of notes ("#fn-n3": ed:note-anchor). -->
  <xsl:function name="ed:fragment-href" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="id" as="xs:string" select="substring-after(normalize-space($pointer), '#')"/>
    <xsl:variable name="target" as="element()?" select="key('ed:xml-id', $id, root($from))[1]"/>
    <xsl:variable name="page" as="xs:string?" select="if ($ed:volume)
      then $target ! ed:page-of(.) else ()"/>
    <xsl:variable name="anchor" as="xs:string"
      select="($target/self::tei:note ! ed:note-anchor(.), ed:page-id($id))[1]"/>
    <xsl:sequence select="if (empty($page) or $page eq $ed:this-page) then '#' || $anchor
      else $page || '.html#' || $anchor"/>
  </xsl:function>

  <!-- The id of a note's entry in the list of notes ("fn-n3"), for a note of the text
       that is listed there; () for a note shown where it stands. -->
  <xsl:function name="ed:note-anchor" as="xs:string?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/ancestor::tei:text and not(ed:is-inline-note($note)))
      then 'fn-' || ed:note-id($note) else ()"/>
  </xsl:function>

  <!-- The heading of a document of the volume, in words. -->
  <xsl:function name="ed:unit-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="head" as="xs:string"
      select="normalize-space(string-join(
        for $n in $div/tei:head[1]//node()[self::text() or self::tei:lb][not(ancestor::tei:note)]
        return if ($n/self::tei:lb) then ' ' else string($n)))"/>
    <xsl:sequence select="if ($head) then $head
      else if ($div/@n) then 'Document ' || $div/@n else 'Document ' || $unit"/>
  </xsl:function>

  <!-- Where a graphic's file was copied to in the site, or () when it is not beside the TEI. -->
  <xsl:function name="ed:graphic-path" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="(tokenize($graphics, '\n')[substring-before(., ' ') = $url]
      ! substring-after(., ' '))[1]"/>
  </xsl:function>

  <!-- ===== the parts of the pages ===== -->

  <!-- The text a page shows: the document of the volume, or the whole text. -->
  <xsl:function name="ed:scope" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if ($ed:volume and $unit gt 0) then ed:units($tei)[$unit]
      else $tei/tei:text"/>
  </xsl:function>

  <!-- The stand-off parts a page shows after its text (a TEI file's standOff: its lists
       of persons, places … and annotations, that names in the text point to): on the
       page of the whole file, the volume page of a volume. -->
  <xsl:function name="ed:stand-off" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if ($ed:volume and $unit gt 0) then () else $tei/tei:standOff"/>
  </xsl:function>

  <!-- The notes listed at the end of a page: those of its scope, without the notes of the
       volume's documents on the volume page. -->
  <xsl:function name="ed:listed-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="scope" as="element()?" select="ed:scope($tei)"/>
    <xsl:sequence select="$scope//tei:note[not(ed:is-inline-note(.))]
      [not($ed:volume and $unit eq 0 and exists(ed:unit-of(.)))]"/>
  </xsl:function>

  <!-- The title of a page: the document's heading on a document page. -->
  <xsl:function name="ed:page-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if ($ed:volume and $unit gt 0)
      then ed:unit-title(ed:units($tei)[$unit]) else ed:title($tei)"/>
  </xsl:function>

  <!-- Previous, volume, next: above and below a document of a volume. -->
  <xsl:template name="ed:volume-nav" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="place" as="xs:string" select="'top'"/>
    <xsl:if test="$ed:volume and $unit gt 0">
      <xsl:variable name="units" as="element(tei:div)*" select="ed:units($tei)"/>
      <nav class="volume-nav volume-nav-{$place} apparatus"
        aria-label="Documents of the volume ({$place})">
        <ul>
          <li class="volume-prev">
            <xsl:if test="$unit gt 1">
              <a rel="prev" href="{$ed:unit-names[$unit - 1]}.html">← Previous: {
                ed:unit-title($units[$unit - 1])}</a>
            </xsl:if>
          </li>
          <li class="volume-up">
            <a href="{$volume-id}.html" title="{ed:title($tei)}">Contents of the volume</a>
            <span class="volume-position"> · document {$unit} of {count($units)}</span>
          </li>
          <li class="volume-next">
            <xsl:if test="$unit lt count($units)">
              <a rel="next" href="{$ed:unit-names[$unit + 1]}.html">Next: {
                ed:unit-title($units[$unit + 1])} →</a>
            </xsl:if>
          </li>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- On the volume page, the volume's number of documents above the text. -->
  <xsl:template name="ed:volume-summary" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:if test="$ed:volume and $unit eq 0">
      <p class="volume-summary apparatus">This volume holds {count(ed:units($tei))} documents,
        each on a page of its own: <a href="#contents">table of contents</a>.</p>
    </xsl:if>
  </xsl:template>

  <!-- On the volume page a document is an entry of the table of contents. -->
  <xsl:template match="tei:div[$ed:volume and $unit eq 0][exists(ed:unit-of(.))]"
    mode="reading diplomatic" priority="5" as="element()">
    <xsl:variable name="units" as="element(tei:div)*" select="ed:units(.)"/>
    <p class="toc-entry apparatus">
      <xsl:if test=". is $units[1]">
        <xsl:attribute name="id" select="'contents'"/>
      </xsl:if>
      <a href="{ed:unit-page(.)}.html">{ed:unit-title(.)}</a>
      <xsl:for-each select="(.//tei:dateline//tei:date, .//tei:date)[1]">
        <xsl:text> · </xsl:text>
        <span class="toc-date">{normalize-space(.)}</span>
      </xsl:for-each>
    </p>
  </xsl:template>

</xsl:stylesheet>
