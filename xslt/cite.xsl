<?xml version="1.0" encoding="UTF-8"?>
<!--
  "Cite this": the document in Chicago style and as a BibTeX record, each with a copy
  button (assets/edition.js). Both name the edition with its version and build date,
  the document's title and date, its archive and call number, its translators, the
  address of the page in this view and a slot for the date of access. The address is
  the page's path in the site; edition.js puts the full address the reader sees in its
  place, and today's date in the access slot. Included by page.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The parts of a citation, from the document's header (context: the TEI element). -->
  <xsl:function name="ed:cite-archive" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="source" as="element()*"
      select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="ms" as="xs:string*" select="$source//tei:msDesc/tei:msIdentifier/
      string-join((tei:settlement, tei:repository, tei:collection, tei:idno)[normalize-space()]
      ! normalize-space(.), ', ')"/>
    <!-- (a newspaper the source was printed in, where no archive line names it) -->
    <xsl:variable name="printed" as="xs:string*"
      select="($source/tei:bibl[@type = 'archive'], $source/tei:bibl[@type = 'newspaper']
      [empty($source/tei:bibl[@type = 'archive'])]) ! normalize-space(.)"/>
    <!-- the archive line as printed only where the header has no structured identifier
      (it says the same: a citation names the holding once); no final full stop, which
      the citation adds -->
    <xsl:variable name="all" as="xs:string*"
      select="distinct-values((if (exists($ms[.])) then $ms else $printed)[.])"/>
    <xsl:sequence select="if (exists($all)) then replace(string-join($all, '; '), '\.+$', '')
      else ()"/>
  </xsl:function>

  <xsl:function name="ed:cite-translators" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values($tei/tei:teiHeader/tei:fileDesc/(tei:titleStmt
      | tei:editionStmt)/tei:respStmt[matches(tei:resp, 'transl', 'i')]/(* except tei:resp)
      ! normalize-space(.)[.])"/>
  </xsl:function>

  <!-- The authors of an essay (respStmt "written by", "introduced by"): the citation's
       creators, before its title. -->
  <xsl:function name="ed:cite-authors" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt
      /tei:respStmt[matches(normalize-space(tei:resp), '^(written|introduced) by$', 'i')]
      /(* except tei:resp) ! normalize-space(.)[.])"/>
  </xsl:function>

  <xsl:function name="ed:cite-date" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- (another project's letter: the date it was sent) -->
    <xsl:sequence select="(($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date
      ! normalize-space(.))[.][last()], ($tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/
      tei:correspAction[@type = 'sent']/tei:date ! normalize-space(.))[.][1])[1]"/>
  </xsl:function>

  <!-- Another project's file, by its own header: the names of its authors or editors
       ($what: 'author', 'editor'; each name of an element that holds several) -->
  <xsl:function name="ed:cite-names" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:sequence select="distinct-values($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/*
      [local-name() = $what] ! (if (*[self::tei:name or self::tei:persName or self::tei:orgName])
      then *[self::tei:name or self::tei:persName or self::tei:orgName] else .)
      ! normalize-space(.)[.])"/>
  </xsl:function>

  <!-- Its identifier as published (a DOI or address first). -->
  <xsl:function name="ed:cite-idno" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="ids" as="xs:string*" select="$tei/tei:teiHeader/tei:fileDesc/
      tei:publicationStmt/tei:idno ! normalize-space(.)[.]"/>
    <xsl:sequence select="($ids[matches(., '^(https?://|doi:|10\.)')], $ids)[1]"/>
  </xsl:function>

  <!-- "Edited by A and B. In Series, its edition. Publisher, Place, 2023. doi:….
       Licence: …."
       for another project's file, from its own header. -->
  <xsl:function name="ed:cite-own" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="file" as="element()?" select="$tei/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="editors" as="xs:string*" select="ed:cite-names($tei, 'editor')"/>
    <xsl:variable name="part-of" as="xs:string?" select="ed:part-of($tei)"/>
    <xsl:variable name="publisher" as="xs:string?" select="ed:publisher-of($tei)"/>
    <xsl:variable name="edition" as="xs:string?" select="$file/tei:editionStmt/
      tei:edition[1]/normalize-space(.)[.][. ne string($part-of)]"/>
    <xsl:variable name="imprint" as="xs:string*" select="($publisher,
      $file/tei:publicationStmt/(tei:pubPlace[1], tei:date[1]) ! normalize-space(.)[.])"/>
    <xsl:variable name="licence" as="xs:string?" select="($file/tei:publicationStmt/
      tei:availability/tei:licence/(@target[matches(., '^https?://')] ! string(.),
      normalize-space(.)[.][string-length(.) le 120]))[1]"/>
    <xsl:sequence select="string-join((
      $editors[1] ! ('Edited by ' || ed:and-list($editors) || '.'),
      $part-of[. ne string($publisher)] ! ('In ' || string-join((., $edition), ', ') || '.'),
      $imprint[1] ! (string-join($imprint, ', ') || '.'),
      ed:cite-idno($tei) ! (replace(., '\.$', '') || '.'),
      $licence ! ('Licence: ' || replace(., '\.$', '') || '.')), ' ')"/>
  </xsl:function>

  <!-- "A, B and C" -->
  <xsl:function name="ed:and-list" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="if (count($items) le 1) then string($items[1])
      else string-join($items[position() lt last()], ', ') || ' and ' || $items[last()]"/>
  </xsl:function>

  <!-- A BibTeX field value: braces kept balanced, TeX's special characters escaped. -->
  <xsl:function name="ed:bibtex" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="replace(replace(replace(normalize-space($value), '\\', '\\textbackslash{}'),
      '([{}%&amp;#$_])', '\\$1'), '\^', '\\^{}')"/>
  </xsl:function>

  <xsl:template name="ed:cite" as="element()">
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="doc-id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="tei" as="element(tei:TEI)" select="(tei:TEI, ancestor-or-self::tei:TEI)[1]"/>
    <xsl:variable name="path" as="xs:string" select="$view || '/' || $doc-id || '.html'"/>
    <xsl:variable name="date" as="xs:string?" select="ed:cite-date($tei)"/>
    <xsl:variable name="archive" as="xs:string?" select="ed:cite-archive($tei)"/>
    <xsl:variable name="translators" as="xs:string*" select="ed:cite-translators($tei)"/>
    <xsl:variable name="version" as="xs:string" select="($edition-version[.], 'unknown')[1]"/>
    <xsl:variable name="view-name" as="xs:string" select="lower-case($ed:view-labels($view))"/>
    <!-- another project's file is cited from its own header, never as this edition -->
    <xsl:variable name="ours" as="xs:boolean" select="ed:is-ours($tei)"/>
    <xsl:variable name="part-of" as="xs:string?" select="ed:part-of($tei)"/>
    <xsl:variable name="publisher" as="xs:string?" select="ed:publisher-of($tei)"/>
    <xsl:variable name="own-authors" as="xs:string*" select="ed:cite-names($tei, 'author')"/>
    <xsl:variable name="own-editors" as="xs:string*" select="ed:cite-names($tei, 'editor')"/>
    <xsl:variable name="own-idno" as="xs:string?" select="ed:cite-idno($tei)"/>
    <!-- the essay's authors (ours: respStmt "written by"); another project's, its own -->
    <xsl:variable name="authors" as="xs:string*" select="ed:cite-authors($tei)[$ours]"/>
    <xsl:variable name="creators" as="xs:string*" select="if ($ours) then $authors
      else $own-authors"/>
    <xsl:variable name="year" as="xs:string?"
      select="($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date/(@when, @from,
      @notBefore, @notAfter, @to) ! substring(normalize-space(.), 1, 4))[matches(., '^\d{4}$')][1]"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">Cite this</h2>
      <div class="cite-style">
        <h3 id="cite-chicago-label">Chicago</h3>
        <p class="cite-text" id="cite-chicago"><xsl:if test="exists($creators)"
          >{replace(ed:and-list($creators), '\.$', '')}. </xsl:if>“{$title}.”<xsl:if test="$date"> {$date}.</xsl:if><xsl:if
          test="$archive"> {$archive}.</xsl:if><xsl:if test="exists($translators)"> Translated by
          {ed:and-list($translators)}.</xsl:if> <xsl:choose><xsl:when test="$ours"> In <i>{$ed:edition-name}</i>, version {$version}<xsl:if
          test="$build-date"> ({$build-date})</xsl:if>, {$view-name}.</xsl:when><xsl:otherwise><xsl:value-of select="'', ed:cite-own($tei)[.],
          upper-case(substring($view-name, 1, 1)) || substring($view-name, 2) || '.'"
          separator=" "/></xsl:otherwise></xsl:choose><xsl:text> </xsl:text><span class="cite-url"
          data-path="{$path}">{$path}</span> (accessed <span class="cite-accessed">[date of
          access]</span>).</p>
        <button type="button" class="copy-button" data-copy="cite-chicago"
          aria-describedby="cite-chicago-label">Copy</button>
      </div>
      <div class="cite-style">
        <h3 id="cite-bibtex-label">BibTeX</h3>
        <pre class="cite-text" id="cite-bibtex">@misc{{{replace($doc-id, '[^A-Za-z0-9:_-]', '-')}-{$view},
  title = {{{ed:bibtex($title)}}},<xsl:if test="exists($authors)">
  author = {{{ed:bibtex(string-join($authors, ' and '))}}},</xsl:if><xsl:if test="$date">
  date = {{{ed:bibtex($date)}}},</xsl:if><xsl:if test="$year">
  year = {{{$year}}},</xsl:if><xsl:if test="$archive">
  note = {{{ed:bibtex($archive)}}},</xsl:if><xsl:if test="exists($translators)">
  translator = {{{ed:bibtex(string-join($translators, ' and '))}}},</xsl:if>
<xsl:choose><xsl:when test="$ours">
  howpublished = {{\emph{{{ed:bibtex($ed:edition-name)}}}, version {ed:bibtex($version)}<xsl:if
    test="$build-date"> ({$build-date})</xsl:if>, {$view-name}}},</xsl:when><xsl:otherwise><xsl:if
    test="exists($own-authors)">
  author = {{{ed:bibtex(string-join($own-authors, ' and '))}}},</xsl:if><xsl:if test="exists($own-editors)">
  editor = {{{ed:bibtex(string-join($own-editors, ' and '))}}},</xsl:if><xsl:if test="exists($part-of)">
  howpublished = {{\emph{{{ed:bibtex($part-of)}}}, {$view-name}}},</xsl:if><xsl:if test="exists($publisher)">
  publisher = {{{ed:bibtex($publisher)}}},</xsl:if><xsl:if test="exists($own-idno)">
  number = {{{ed:bibtex($own-idno)}}},</xsl:if></xsl:otherwise></xsl:choose>
  url = {{<span class="cite-url" data-path="{$path}">{$path}</span>}},
  urldate = {{<span class="cite-accessed">[date of access]</span>}}
}}</pre>
        <button type="button" class="copy-button" data-copy="cite-bibtex"
          aria-describedby="cite-bibtex-label">Copy</button>
      </div>
      <p class="cite-source">TEI source: <span class="cite-url"
        data-path="tei/{ed:tei-file($doc-id)}">tei/{ed:tei-file($doc-id)}</span>. A paragraph's own address:
        its ¶ link (shown on hover or focus).</p>
    </section>
  </xsl:template>

</xsl:stylesheet>
