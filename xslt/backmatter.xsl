<?xml version="1.0" encoding="UTF-8"?>
<!--
  Lists of persons, places, organisations and works that a document carries with it
  (listPerson, listPlace, listOrg, listBibl of entries with xml:id, as a correspondence
  edition puts them in its back matter, or in a standOff beside its text), as readable
  lists: each entry its name first, then one labelled line per field (born, died,
  occupation, other names, identifiers …).
  Every word of an entry is shown; identifiers that are web addresses become links.

  A name in the document whose @ref ("#pmb50", "pmb50") or @key names an element of
  the same document links to it (ed:local-entry; the reading view makes the link).
  Included by common.xsl; both views use these rules.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The element of this document that the name $e points at with @ref or @key (one
       token, with or without "#"), or (). -->
  <xsl:function name="ed:local-entry" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="pointer" as="xs:string?"
      select="(($e/@ref, $e/@key)[normalize-space()][not(contains(normalize-space(.), ' '))]
               ! replace(normalize-space(.), '^#', ''))[1]"/>
    <xsl:sequence select="if (exists($pointer) and not(contains($pointer, ':'))
      and not(contains($pointer, '/')) and not(contains($pointer, '#')))
      then key('ed:xml-id', $pointer, root($e))[1] else ()"/>
  </xsl:function>

  <!-- The headings of the lists when they have none of their own. -->
  <xsl:variable name="ed:list-labels" as="map(xs:string, xs:string)" select="map {
    'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
    'listBibl': 'Works', 'listEvent': 'Events', 'listAnnotation': 'Annotations'}"/>

  <!-- The labels of an entry's fields, by element name. -->
  <xsl:variable name="ed:field-labels" as="map(xs:string, xs:string)" select="map {
    'birth': 'Born', 'death': 'Died', 'occupation': 'Occupation', 'sex': 'Sex',
    'persName': 'Also known as', 'placeName': 'Also called', 'orgName': 'Also called',
    'location': 'Location', 'idno': 'Identifier', 'note': 'Note', 'author': 'Author',
    'editor': 'Editor', 'date': 'Date', 'title': 'Title', 'residence': 'Residence',
    'affiliation': 'Affiliation', 'event': 'Event', 'desc': 'Description',
    'floruit': 'Active', 'nationality': 'Nationality', 'education': 'Education',
    'faith': 'Faith', 'state': 'State', 'trait': 'Trait', 'bibl': 'Bibliography',
    'pubPlace': 'Place of publication', 'publisher': 'Publisher', 'biblScope': 'Pages',
    'country': 'Country', 'settlement': 'Settlement', 'region': 'Region', 'geo': 'Coordinates',
    'listRelation': 'Relations', 'age': 'Age', 'langKnowledge': 'Languages'}"/>

  <!-- The lists handled here: registers anywhere in the text or its standOff, a list of
       works in the back matter (one whose entries have ids; a list of the edition's
       documents stays a list of documents) or in the standOff. -->
  <xsl:template match="tei:text//tei:listPerson | tei:text//tei:listPlace
    | tei:text//tei:listOrg | tei:text//tei:listEvent
    | tei:back//tei:listBibl[tei:bibl/@xml:id][not(tei:bibl[@type = 'document'])]
    | tei:standOff//tei:listPerson | tei:standOff//tei:listPlace
    | tei:standOff//tei:listOrg | tei:standOff//tei:listEvent | tei:standOff//tei:listBibl"
    mode="reading diplomatic" priority="2" as="element()">
    <section class="backlist backlist-{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:choose>
        <xsl:when test="tei:head">
          <xsl:apply-templates select="tei:head" mode="#current"/>
        </xsl:when>
        <xsl:otherwise>
          <h2 class="head backlist-head apparatus">{$ed:list-labels(local-name())}</h2>
        </xsl:otherwise>
      </xsl:choose>
      <ul class="backlist-entries">
        <xsl:apply-templates select="* except tei:head" mode="#current"/>
      </ul>
    </section>
  </xsl:template>

  <!-- An entry: its name, then its fields. -->
  <xsl:template match="tei:person[ancestor::tei:text or ancestor::tei:standOff]
    | tei:personGrp[ancestor::tei:text or ancestor::tei:standOff]
    | tei:place[ancestor::tei:text or ancestor::tei:standOff]
    | tei:org[ancestor::tei:text or ancestor::tei:standOff]
    | tei:event[ancestor::tei:text or ancestor::tei:standOff][parent::tei:listEvent]
    | tei:listBibl[tei:bibl/@xml:id][not(tei:bibl[@type = 'document'])][ancestor::tei:back]/tei:bibl
    | tei:standOff//tei:listBibl/tei:bibl"
    mode="reading diplomatic" priority="2" as="element()">
    <xsl:variable name="name" as="element()?" select="(tei:persName, tei:placeName, tei:orgName,
      tei:title[@type = 'main'], tei:title, tei:label, tei:desc)[1]"/>
    <li class="backlist-entry entry-{local-name()}">
      <xsl:call-template name="ed:id"/>
      <p class="backlist-name">
        <strong>
          <xsl:choose>
            <xsl:when test="exists($name)">
              <xsl:apply-templates select="$name" mode="ed:entry-name"/>
            </xsl:when>
            <xsl:otherwise>{(@xml:id, local-name())[1]}</xsl:otherwise>
          </xsl:choose>
        </strong>
        <xsl:if test="self::tei:place/@type | self::tei:org/@type">
          <span class="backlist-type"> ({@type})</span>
        </xsl:if>
      </p>
      <xsl:variable name="fields" as="element()*" select="* except $name"/>
      <xsl:if test="exists($fields) or text()[normalize-space()]">
        <dl class="backlist-fields">
          <xsl:for-each select="$fields">
            <div class="backlist-field field-{local-name()}">
              <dt>{ed:field-label(.)}</dt>
              <dd>
                <xsl:apply-templates select="." mode="ed:field"/>
              </dd>
            </div>
          </xsl:for-each>
          <xsl:for-each select="text()[normalize-space()]">
            <div class="backlist-field">
              <dt>Text</dt>
              <dd>{normalize-space(.)}</dd>
            </div>
          </xsl:for-each>
        </dl>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- A TEI file's standOff (beside its text): shown after the text, on the page of the
       whole file (ed:stand-off), each of its lists as the lists above. -->
  <xsl:template match="tei:standOff" mode="reading diplomatic" as="element()">
    <div class="standOff">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates select="*" mode="#current"/>
    </div>
  </xsl:template>

  <!-- A list of annotations on passages of the text: each its words, then the passages it
       is on, linked (apparatus: those words are the text's). Not footnotes: they have no
       sign in the text. -->
  <xsl:template match="tei:listAnnotation" mode="reading diplomatic" as="element()">
    <section class="backlist backlist-listAnnotation">
      <xsl:call-template name="ed:id"/>
      <xsl:choose>
        <xsl:when test="tei:head">
          <xsl:apply-templates select="tei:head" mode="#current"/>
        </xsl:when>
        <xsl:otherwise>
          <h2 class="head backlist-head apparatus">{$ed:list-labels(local-name())}</h2>
        </xsl:otherwise>
      </xsl:choose>
      <ul class="backlist-entries">
        <xsl:for-each select="* except tei:head">
          <li class="backlist-entry entry-{local-name()}">
            <xsl:call-template name="ed:id"/>
            <xsl:call-template name="ed:lang"/>
            <!-- a note's words; an annotation's parts, its notes by their words -->
            <xsl:apply-templates mode="#current" select="if (self::tei:note) then node()
              else node()[not(self::tei:note)] | tei:note/node()"/>
            <xsl:call-template name="ed:annotation-targets"/>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- " (on “The caravan numbered …”)": the passages an annotation's @target names,
       each linked when it is in the document. -->
  <xsl:template name="ed:annotation-targets" as="element()?">
    <xsl:variable name="annotation" as="element()" select="."/>
    <xsl:variable name="pointers" as="xs:string*"
      select="tokenize(normalize-space(string-join((@target, @ref), ' ')))"/>
    <xsl:if test="exists($pointers)">
      <span class="annotation-target apparatus">
        <xsl:text> (on </xsl:text>
        <xsl:for-each select="$pointers">
          <xsl:variable name="target" as="element()?" select="if (starts-with(., '#'))
            then key('ed:xml-id', substring(., 2), root($annotation))[1] else ()"/>
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:choose>
            <xsl:when test="exists($target)">
              <xsl:variable name="words" as="xs:string" select="normalize-space($target)"/>
              <a class="annotation-link" href="{ed:fragment-href(., $annotation)}">{
                if (string-length($words) gt 60) then '“' || substring($words, 1, 59) || '…”'
                else if ($words) then '“' || $words || '”' else .}</a>
            </xsl:when>
            <xsl:otherwise>{ed:shown-url(.)}</xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- "Born", "Identifier (gnd)", "Also called (alternative-name)". -->
  <xsl:function name="ed:field-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="base" as="xs:string"
      select="($ed:field-labels(local-name($e)), ed:capitalise(local-name($e)))[1]"/>
    <xsl:variable name="kind" as="xs:string?"
      select="($e/@subtype, $e/@type, $e/@role)[normalize-space()][1] ! string(.)"/>
    <xsl:sequence select="$base || $kind ! (' (' || translate(., '_', ' ') || ')')"/>
  </xsl:function>

  <!-- ===== the name of an entry ===== -->

  <xsl:mode name="ed:entry-name" on-no-match="text-only-copy"/>

  <!-- "Fedor Mamroth", "Schnitzler, Arthur": the parts in the order of the file (every
       word in its place), with a comma when the surname comes first. -->
  <xsl:template match="tei:persName[tei:forename and tei:surname]" mode="ed:entry-name"
    as="xs:string">
    <xsl:sequence select="string-join(*[normalize-space()] ! normalize-space(.),
      if (tei:surname[1] &lt;&lt; tei:forename[1]) then ', ' else ' ')"/>
  </xsl:template>

  <xsl:template match="*" mode="ed:entry-name" as="xs:string">
    <xsl:sequence select="normalize-space(string-join(.//text(), ' '))"/>
  </xsl:template>

  <!-- ===== a field's value ===== -->

  <!-- Nested parts of a field (a date and a place of birth, a place and its coordinates)
       are separated by commas; a web address becomes a link; a pointer to another entry
       of the document links to it. -->
  <xsl:template match="*" mode="ed:field" as="node()*">
    <xsl:variable name="parts" as="node()*"
      select="node()[not(self::text()[not(normalize-space())])]"/>
    <xsl:variable name="entry" as="element()?" select="ed:local-entry(.)"/>
    <xsl:variable name="value" as="node()*">
      <xsl:choose>
        <xsl:when test="empty($parts)">
          <xsl:value-of select="(@value, @when, @quantity ! (. || ' ' || ../@unit), @target,
            @url)[normalize-space()][1]"/>
        </xsl:when>
        <xsl:when test="matches(normalize-space(.), '^(https?|mailto):\S+$', 'i') and not(*)">
          <xsl:variable name="href" as="xs:string?" select="ed:href(normalize-space(.), .)"/>
          <xsl:choose>
            <xsl:when test="exists($href)">
              <a class="backlist-url" href="{$href}">{normalize-space(.)}</a>
            </xsl:when>
            <xsl:otherwise>{ed:shown-url(.)}</xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="text()[normalize-space()]">
          <xsl:for-each select="$parts">
            <xsl:choose>
              <xsl:when test="self::text()">{.}</xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="." mode="ed:field"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$parts">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:apply-templates select="." mode="ed:field"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($entry) and not(.//*[@ref or @key]) and not($value/descendant-or-self::*:a)">
        <a class="name-link" href="{ed:fragment-href('#' || $entry/@xml:id, .)}">
          <xsl:sequence select="$value"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$value"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name in the header (the sender of a letter …) links to its entry too. -->
  <xsl:template match="*[@ref or @key][exists(ed:local-entry(.))][not(ancestor::tei:ref)]"
    mode="ed:meta" priority="1" as="element()">
    <a class="name-link" href="{ed:fragment-href('#' || ed:local-entry(.)/@xml:id, .)}">
      <xsl:next-match/>
    </a>
  </xsl:template>

</xsl:stylesheet>
