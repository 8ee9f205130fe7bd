<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page around the text: the HTML shell (head, skip link, site header with the view
  switch, footer) and the metadata block made from the teiHeader. Included by common.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Dublin Core and schema.org metadata in the head -->
  <xsl:include href="metadata.xsl"/>

  <!-- Metadata values: their text, with links and dates made readable. -->
  <xsl:mode name="ed:meta" on-no-match="text-only-copy"/>

  <!-- The words for each view, in the site header and the title. -->
  <xsl:variable name="ed:view-labels" as="map(xs:string, xs:string)" select="map {
    'reading': 'Reading view', 'diplomatic': 'Diplomatic view', 'index': 'List of documents',
    'registers': 'Registers', 'timeline': 'Timeline', 'search': 'Search', 'map': 'Map',
    'restrictions': 'Withheld', 'corrections': 'Corrections'}"/>

  <!-- Set by edition/render.py for every page: the edition's version (package metadata)
       and build date (deterministic: edition/release.py), the corpus file (a document
       links its neighbours) and the whole edition (pages that look across documents). -->
  <xsl:param name="edition-version" as="xs:string" select="''"/>
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="corpus" as="document-node()?" select="()"/>
  <xsl:param name="edition" as="document-node()?" select="()"/>
  <!-- The last check over the finished page (mode ed:safe of urls.xsl): on unless the
       caller checks the written page itself (edition/render.py does for the document
       views, and asks again with it on when its check cannot tell the page is safe). -->
  <xsl:param name="safe-pass" as="xs:boolean" select="true()"/>
  <!-- The parts of the site that hold nothing (set by edition/foreign.py for other
       projects' files, which bring no registers of this edition): the header offers no
       link to them. -->
  <xsl:param name="empty-parts" as="xs:string" select="''"/>
  <xsl:variable name="ed:empty-parts" as="xs:string*" select="tokenize($empty-parts)"/>

  <!-- The register pages (<key>.html at the root of the site) and their names. -->
  <xsl:variable name="ed:registers" as="xs:string+" select="'persons', 'places',
    'organisations'"/>
  <xsl:variable name="ed:register-labels" as="map(xs:string, xs:string)" select="map {
    'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations'}"/>

  <!-- ===== the page shell ===== -->

  <xsl:template name="ed:page" as="element()">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="doc-id" as="xs:string?" select="()"/>
    <xsl:param name="root" as="xs:string" select="'../'"/>
    <xsl:param name="description" as="xs:string?" select="()"/>
    <!-- the register this page shows (persons, places, organisations), if it is one -->
    <xsl:param name="register" as="xs:string?" select="()"/>
    <!-- more scripts of assets/ for this page -->
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <!-- true: the content is the page's source in mode ed:article (reading.xsl,
         diplomatic.xsl), written in its place rather than passed in as $content -->
    <xsl:param name="article" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$safe-pass">
        <!-- every URL of the page passes the allow-list of urls.xsl once more -->
        <xsl:variable name="page" as="element()">
          <xsl:call-template name="ed:page-html">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="view" select="$view"/>
            <xsl:with-param name="doc-id" select="$doc-id"/>
            <xsl:with-param name="root" select="$root"/>
            <xsl:with-param name="description" select="$description"/>
            <xsl:with-param name="register" select="$register"/>
            <xsl:with-param name="scripts" select="$scripts"/>
            <xsl:with-param name="content" select="$content"/>
            <xsl:with-param name="article" select="$article"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="ed:needs-safe-pass($page)">
            <xsl:apply-templates select="$page" mode="ed:safe"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$page"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <!-- written as it is made: the caller checks the written page
             (edition/pagecheck.py) and asks again with the last check on -->
        <xsl:call-template name="ed:page-html">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="view" select="$view"/>
          <xsl:with-param name="doc-id" select="$doc-id"/>
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="description" select="$description"/>
          <xsl:with-param name="register" select="$register"/>
          <xsl:with-param name="scripts" select="$scripts"/>
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="article" select="$article"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The page itself (ed:page decides whether the last check runs over it). -->
  <xsl:template name="ed:page-html" as="element()">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="doc-id" as="xs:string?"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="description" as="xs:string?"/>
    <xsl:param name="register" as="xs:string?"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="article" as="xs:boolean"/>
    <html lang="en">
      <head itemscope="itemscope" itemtype="{ed:schema-type($doc-id)}">
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <!-- a document's page names what the document is part of, by its own header
             (another project's file is no part of this edition); the others the site -->
        <xsl:variable name="part-of" as="xs:string" select="if (exists($doc-id)
          and . instance of node()) then (ed:part-of((root(.)/tei:TEI)[1]), $ed:site-name)[1]
          else $ed:site-name"/>
        <title>{$title} · {$ed:view-labels($view)} · {$part-of}</title>
        <xsl:if test="normalize-space($description)">
          <meta name="description" content="{normalize-space($description)}"/>
        </xsl:if>
        <xsl:call-template name="ed:head-metadata">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="doc-id" select="$doc-id"/>
          <xsl:with-param name="description" select="$description"/>
        </xsl:call-template>
        <meta name="generator" content="edition (XSLT 3.0)"/>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:if test="exists($doc-id)">
          <link rel="alternate" type="application/tei+xml" href="../tei/{ed:tei-file($doc-id)}"/>
        </xsl:if>
        <script src="{$root}assets/edition.js" defer="defer"></script>
        <xsl:for-each select="$scripts">
          <script src="{$root}assets/{.}" defer="defer"></script>
        </xsl:for-each>
      </head>
      <body class="view-{$view}">
        <a class="skip-link" href="#main">Skip to the text</a>
        <header class="site-header">
          <nav class="site-nav" aria-label="Edition">
            <a class="site-name" href="{$root}index.html">{$ed:site-name}</a>
            <xsl:call-template name="ed:site-links">
              <xsl:with-param name="view" select="$view"/>
              <xsl:with-param name="root" select="$root"/>
              <xsl:with-param name="register" select="$register"/>
              <xsl:with-param name="document" select="exists($doc-id)"/>
            </xsl:call-template>
            <xsl:if test="exists($doc-id)">
              <xsl:call-template name="ed:view-switch">
                <xsl:with-param name="view" select="$view"/>
                <xsl:with-param name="doc-id" select="$doc-id"/>
              </xsl:call-template>
            </xsl:if>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:if test="exists($doc-id) and exists($corpus)">
            <xsl:call-template name="ed:doc-neighbours">
              <xsl:with-param name="doc-id" select="$doc-id"/>
              <xsl:with-param name="view" select="$view"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:sequence select="$content"/>
          <xsl:if test="$article">
            <xsl:apply-templates select="." mode="ed:article"/>
          </xsl:if>
        </main>
        <footer class="site-footer">
          <p>
            <a href="{$root}index.html">{$ed:site-name}</a>
            <xsl:if test="exists($doc-id)">
              <xsl:text> · this page is generated from the TEI file </xsl:text>
              <a href="../tei/{ed:tei-file($doc-id)}">tei/{ed:tei-file($doc-id)}</a>
            </xsl:if>
          </p>
          <xsl:call-template name="ed:release-line"/>
          <xsl:if test="exists($doc-id)">
            <p class="keys-help" id="keys-help">Keys: <kbd>[</kbd> previous document,
              <kbd>]</kbd> next document, <kbd>v</kbd> the other view at the same paragraph,
              <kbd>Tab</kbd> reaches each paragraph's link (¶).</p>
          </xsl:if>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The parts of the site: the list of documents (a document page has it in its view
       switch), the timeline, the three registers and the search page; the page shown is
       marked. -->
  <xsl:template name="ed:site-links" as="element()">
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="register" as="xs:string?"/>
    <xsl:param name="document" as="xs:boolean"/>
    <ul class="site-links">
      <xsl:if test="not($document)">
        <li>
          <a class="site-link" href="{$root}index.html">
            <xsl:if test="$view eq 'index'">
              <xsl:attribute name="aria-current" select="'page'"/>
            </xsl:if>
            <xsl:text>Documents</xsl:text>
          </a>
        </li>
      </xsl:if>
      <li>
        <xsl:call-template name="ed:site-link">
          <xsl:with-param name="page" select="'timeline'"/>
          <xsl:with-param name="view" select="$view"/>
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </li>
      <xsl:for-each select="$ed:registers[not(. = $ed:empty-parts) or . eq $register]">
        <li>
          <a class="site-link register-link" href="{$root}{.}.html" data-register="{.}">
            <xsl:if test=". eq $register">
              <xsl:attribute name="aria-current" select="'page'"/>
            </xsl:if>
            <xsl:text>{$ed:register-labels(.)}</xsl:text>
          </a>
        </li>
      </xsl:for-each>
      <xsl:for-each select="('map', 'restrictions', 'corrections')
        [not(. = $ed:empty-parts) or . eq $view]">
        <li>
          <xsl:call-template name="ed:site-link">
            <xsl:with-param name="page" select="."/>
            <xsl:with-param name="view" select="$view"/>
            <xsl:with-param name="root" select="$root"/>
          </xsl:call-template>
        </li>
      </xsl:for-each>
      <li>
        <xsl:call-template name="ed:site-link">
          <xsl:with-param name="page" select="'search'"/>
          <xsl:with-param name="view" select="$view"/>
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </li>
    </ul>
  </xsl:template>

  <!-- The link to a page of the site named by its view (timeline, search), marked when it
       is the page shown. -->
  <xsl:template name="ed:site-link" as="element()">
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <a class="site-link {$page}-link" href="{$root}{$page}.html">
      <xsl:if test="$view eq $page">
        <xsl:attribute name="aria-current" select="'page'"/>
      </xsl:if>
      <xsl:text>{$ed:view-labels($page)}</xsl:text>
    </a>
  </xsl:template>

  <!-- Links between the views of one document, to its TEI and to the list. -->
  <xsl:template name="ed:view-switch" as="element()">
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="doc-id" as="xs:string"/>
    <ul class="view-switch">
      <li><a class="nav-index" href="../index.html">All documents</a></li>
      <xsl:for-each select="'reading', 'diplomatic'">
        <li>
          <xsl:choose>
            <xsl:when test=". eq $view">
              <a class="view-link current" href="{$doc-id}.html" aria-current="page"
                data-view="{.}">{$ed:view-labels(.)}</a>
            </xsl:when>
            <xsl:otherwise>
              <a class="view-link" href="../{.}/{$doc-id}.html" data-view="{.}"
                rel="alternate">{$ed:view-labels(.)}</a>
            </xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
      <li><a class="tei-link" href="../tei/{ed:tei-file($doc-id)}" type="application/tei+xml">TEI XML</a></li>
    </ul>
  </xsl:template>

  <!-- ===== the metadata block ===== -->

  <!-- One row of the metadata list; nothing when there is no value. -->
  <xsl:template name="ed:meta-row" as="element()?">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:param name="separator" as="xs:string" select="'; '"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <!-- A value longer than this many characters is folded away behind its start. -->
    <xsl:param name="fold-over" as="xs:integer" select="0"/>
    <xsl:variable name="present" as="item()*"
      select="$values[if (. instance of node()) then normalize-space(.)
              or self::*[@when or @from or @to or @notBefore or @notAfter or @target]
              else normalize-space(string(.))]"/>
    <xsl:if test="exists($present)">
      <div class="meta-row{$class ! (' ' || .)}">
        <dt>{$label}</dt>
        <xsl:variable name="value" as="node()*">
          <xsl:for-each select="$present">
            <xsl:if test="position() gt 1">{$separator}</xsl:if>
            <xsl:choose>
              <xsl:when test=". instance of node()">
                <xsl:apply-templates select="." mode="ed:meta"/>
              </xsl:when>
              <xsl:otherwise>{normalize-space(string(.))}</xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="length" as="xs:integer"
          select="string-length(normalize-space(string-join($present ! string(.), ' ')))"/>
        <dd>
          <xsl:choose>
            <xsl:when test="$fold-over gt 0 and $length gt $fold-over">
              <details class="fold">
                <summary><span class="fold-start">{substring(normalize-space(string-join(
                  $present ! string(.), ' ')), 1, 80)}… </span><span class="fold-more">(full
                  text)</span></summary>
                <xsl:sequence select="$value"/>
              </details>
            </xsl:when>
            <xsl:otherwise>
              <xsl:sequence select="$value"/>
            </xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The header as a readable list: context is the TEI element. -->
  <!-- An element's words, each text node's apart ("60 leaves 195 135", not
       "60 leaves195135" of extent and dimensions). -->
  <xsl:function name="ed:spaced" as="xs:string">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="string-join($e//text()[normalize-space()] ! normalize-space(.), ' ')
      => replace(' ([.,;:])', '$1')"/>
  </xsl:function>

  <xsl:template name="ed:metadata-list" as="element()">
    <xsl:variable name="file" as="element()?" select="tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="profile" as="element()?" select="tei:teiHeader/tei:profileDesc"/>
    <xsl:variable name="pub" as="element()?" select="$file/tei:publicationStmt"/>
    <xsl:variable name="source" as="element()?" select="$file/tei:sourceDesc"/>
    <xsl:variable name="ms" as="element()*" select="$source//tei:msDesc"/>
    <dl class="metadata-list">
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Date'"/>
        <xsl:with-param name="values" select="$profile/tei:creation/tei:date"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Series'"/>
        <xsl:with-param name="values"
          select="$file/tei:titleStmt/tei:title[@type = ('sub', 'series')]"/>
      </xsl:call-template>
      <xsl:for-each select="$profile/tei:correspDesc/tei:correspAction">
        <xsl:call-template name="ed:meta-row">
          <xsl:with-param name="label" select="if (@type = 'sent') then 'Sent'
            else if (@type = 'received') then 'Received' else ed:capitalise(@type)"/>
          <xsl:with-param name="values" select="*"/>
          <xsl:with-param name="separator" select="', '"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Author'"/>
        <xsl:with-param name="values" select="$file/tei:titleStmt/tei:author"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Editors'"/>
        <xsl:with-param name="values"
          select="$file/tei:titleStmt/tei:editor/(if (tei:name or tei:persName)
                  then (tei:name | tei:persName) else .)"/>
      </xsl:call-template>
      <xsl:for-each-group select="$file/(tei:titleStmt | tei:editionStmt)/tei:respStmt"
        group-by="normalize-space(tei:resp)">
        <xsl:call-template name="ed:meta-row">
          <xsl:with-param name="label" select="ed:capitalise(current-grouping-key())"/>
          <xsl:with-param name="values"
            select="current-group()/(* except tei:resp)"/>
        </xsl:call-template>
      </xsl:for-each-group>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Funders'"/>
        <xsl:with-param name="values"
          select="$file/tei:titleStmt/tei:funder/(if (tei:name) then tei:name else .)"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Archive'"/>
        <xsl:with-param name="values" select="$ms/tei:msIdentifier/string-join((
          tei:settlement, tei:repository, tei:collection,
          tei:idno)[normalize-space()] ! normalize-space(.), ', ')"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Pages'"/>
        <xsl:with-param name="values" select="$ms//tei:msItem/tei:locus"/>
      </xsl:call-template>
      <!-- another project's manuscript description: its contents other than the title,
           the physical description, the history, other shelfmarks, the witnesses -->
      <xsl:variable name="main-title" as="xs:string"
        select="normalize-space(($file/tei:titleStmt/tei:title)[1])"/>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Other identifiers'"/>
        <xsl:with-param name="values" select="$ms/tei:msIdentifier/tei:altIdentifier
          ! ed:spaced(.)"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Contents'"/>
        <xsl:with-param name="values" select="$ms/tei:msContents/tei:summary ! ed:spaced(.),
          $ms//tei:msItem/(tei:author
          | tei:title[normalize-space() ne $main-title] | tei:rubric | tei:incipit
          | tei:explicit | tei:colophon | tei:note) ! ((if (self::tei:title) then ''
          else ed:capitalise(local-name()) || ': ') || ed:spaced(.))"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Physical description'"/>
        <xsl:with-param name="values" select="$ms/tei:physDesc/(tei:p | tei:objectDesc/*
          | tei:handDesc/* | * except (tei:objectDesc, tei:handDesc))
          [not(self::tei:p and parent::tei:objectDesc)] ! ed:spaced(.)"/>
        <xsl:with-param name="class" select="'meta-long'"/>
        <xsl:with-param name="fold-over" select="300"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'History'"/>
        <xsl:with-param name="values" select="$ms/tei:history/* ! ((if (self::tei:p) then ''
          else ed:capitalise(local-name()) || ': ') || ed:spaced(.))"/>
        <xsl:with-param name="class" select="'meta-long'"/>
        <xsl:with-param name="fold-over" select="300"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Witnesses'"/>
        <xsl:with-param name="values" select="$source//tei:listWit//tei:witness
          ! (string-join((@xml:id, ed:spaced(.))[.], ': '))"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Archive (as printed)'"/>
        <xsl:with-param name="values" select="$source/tei:bibl[@type = 'archive']"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Collection'"/>
        <xsl:with-param name="values" select="$source/tei:bibl[@type = 'collection']"/>
        <xsl:with-param name="separator" select="' / '"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Citation (as given by the source)'"/>
        <xsl:with-param name="values" select="$source/tei:bibl[@type = 'citation']"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Source'"/>
        <xsl:with-param name="values" select="$source/tei:bibl[not(@type = ('archive',
          'collection', 'citation', 'seed'))], $source/tei:p"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Languages'"/>
        <xsl:with-param name="values" select="if ($profile/tei:langUsage/tei:language)
          then $profile/tei:langUsage/tei:language else $ms//tei:textLang"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Summary'"/>
        <xsl:with-param name="values" select="$profile/tei:abstract"/>
        <xsl:with-param name="class" select="'meta-long'"/>
        <xsl:with-param name="fold-over" select="900"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Published by'"/>
        <xsl:with-param name="values" select="$pub/string-join((tei:publisher, tei:pubPlace,
          tei:date)[normalize-space()] ! normalize-space(.), ', ')"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Rights'"/>
        <xsl:with-param name="values" select="$pub/tei:availability"/>
        <xsl:with-param name="class" select="'meta-long'"/>
        <xsl:with-param name="fold-over" select="300"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Source URL'"/>
        <xsl:with-param name="values"
          select="$pub/tei:idno[@type = ('URI', 'URL', 'url', 'uri', 'handle', 'DOI')]"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Identifiers'"/>
        <xsl:with-param name="values" select="$pub/tei:idno[not(@type = ('URI', 'URL', 'url',
          'uri', 'handle', 'DOI', 'seed'))]"/>
      </xsl:call-template>
      <xsl:call-template name="ed:meta-row">
        <xsl:with-param name="label" select="'Seed file'"/>
        <xsl:with-param name="values" select="$source/tei:bibl[@type = 'seed'],
          $pub/tei:idno[@type = 'seed']"/>
        <xsl:with-param name="class" select="'meta-seed'"/>
      </xsl:call-template>
    </dl>
  </xsl:template>

  <!-- The version and build date of the edition. -->
  <xsl:template name="ed:release-line" as="element()?">
    <xsl:if test="$edition-version or $build-date">
      <p class="release">Version <span class="edition-version">{($edition-version[.],
        'unknown')[1]}</span><xsl:if test="$build-date">, built <time class="build-date"
        datetime="{$build-date}">{$build-date}</time></xsl:if></p>
    </xsl:if>
  </xsl:template>

  <xsl:include href="cite.xsl"/>
  <xsl:include href="docnav.xsl"/>

  <!-- ===== metadata values (mode ed:meta) ===== -->

  <xsl:template match="tei:date" mode="ed:meta" as="node()+">
    <xsl:variable name="value" as="xs:string?" select="ed:date-value(.)"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="exists($value) and normalize-space() ne $value">
      <span class="iso"> ({$value})</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:idno[matches(normalize-space(.), '^https?://\S+$')]
    | tei:ref[matches(normalize-space(@target), '^https?://\S+$')]" mode="ed:meta"
    as="element()">
    <a href="{normalize-space((@target, .)[1])}">
      <xsl:apply-templates mode="#current"/>
    </a>
  </xsl:template>

  <xsl:template match="tei:licence[@target]" mode="ed:meta" as="node()+">
    <xsl:variable name="href" as="xs:string?" select="ed:href(@target, .)"/>
    <p>
      <xsl:choose>
        <xsl:when test="exists($href)"><a href="{$href}">{$href}</a></xsl:when>
        <xsl:otherwise>{ed:shown-url(@target)}</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <!-- A collection: its title, date and pages, separated. -->
  <xsl:template match="tei:bibl[@type = 'collection']" mode="ed:meta" as="node()*">
    <xsl:for-each select="*[normalize-space()]">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="#current"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:p" mode="ed:meta" as="element()">
    <p>
      <xsl:apply-templates mode="#current"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:title" mode="ed:meta" as="element()">
    <cite>
      <xsl:apply-templates mode="#current"/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:lb" mode="ed:meta" as="text()">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Notes inside a header value are kept, in brackets. -->
  <xsl:template match="tei:note" mode="ed:meta" as="node()+">
    <xsl:text> [</xsl:text>
    <xsl:apply-templates mode="#current"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
