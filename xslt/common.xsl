<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text rules shared by both views (modes "reading" and "diplomatic").

  reading.xsl and diplomatic.xsl import this module, so a rule written in a view
  overrides the rule here for that view (import precedence), whatever its priority.
  Rules here render what looks the same in both views: structure (div, p, head, lists,
  tables, letters), typography (hi), names, dates, and foreign TEI that the edition's
  contract (docs/encoding.md) does not name. The last rule is the catch-all: it warns
  about an element nobody handles and keeps its content.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:include href="functions.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="volume.xsl"/>
  <xsl:include href="backmatter.xsl"/>

  <!-- Whitespace between the children of element-only containers carries nothing.
       Saxon strips it through a view of the document made anew for every transformation,
       and then builds every key again for every page (a volume's 139 pages in each view):
       the document views are compiled with $ed:strip-space false and get their input
       stripped by edition/whitespace.py, which reads the names from here. -->
  <xsl:param name="ed:strip-space" static="yes" as="xs:boolean" select="true()"/>
  <xsl:strip-space use-when="$ed:strip-space" elements="tei:TEI tei:text tei:front tei:body tei:back tei:div
    tei:list tei:listBibl tei:table tei:row tei:lg tei:choice tei:titlePage tei:docTitle
    tei:listPerson tei:listPlace tei:listOrg tei:msDesc tei:msIdentifier"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
    include-content-type="no"/>

  <!-- The restriction instruction that points at a restricted segment. -->
  <xsl:key name="ed:restriction" match="tei:note[@type = 'restriction']"
    use="tokenize(normalize-space(@target)) ! substring-after(., '#')"/>

  <!-- ===== helpers ===== -->

  <!-- The id attribute for an element with xml:id; none inside a copy (a note's popover),
       so that ids stay unique in the page. -->
  <xsl:template name="ed:id" as="attribute()?">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="@xml:id and not($ed:copy)">
      <xsl:attribute name="id" select="ed:page-id(@xml:id)"/>
    </xsl:if>
  </xsl:template>

  <!-- A citable block's link to itself (¶, shown on hover or focus): the anchors are the
       same in both views (edition/anchors.py gives one to every citable block). The link
       has no text of its own (CSS draws the sign), so the words of the page stay the
       source's. -->
  <xsl:template name="ed:anchor-link" as="element()?">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="@xml:id and not($ed:copy) and not(ancestor::tei:note)">
      <a class="anchor-link" href="#{ed:page-id(@xml:id)}"
        aria-label="Link to this passage ({@xml:id})"></a>
    </xsl:if>
  </xsl:template>

  <!-- A space before a field that would run into the words before it (ed:runs-into). -->
  <xsl:template name="ed:field-gap" as="text()?">
    <xsl:if test="ed:runs-into(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The lang attribute for an element with xml:lang. -->
  <xsl:template name="ed:lang" as="attribute()?">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== structure ===== -->

  <xsl:template match="tei:text" mode="reading diplomatic" as="element()">
    <div class="tei-text">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back" mode="reading diplomatic"
    as="element()">
    <div class="{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4"
    mode="reading diplomatic" as="element()">
    <div class="div{ed:tokens(@type, ' div-')}">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:head" mode="reading diplomatic" as="element()">
    <xsl:choose>
      <xsl:when test="parent::tei:list or parent::tei:listBibl or parent::tei:lg
        or parent::tei:figure or parent::tei:table or parent::tei:listPerson
        or parent::tei:listPlace or parent::tei:listOrg">
        <p class="head">
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:anchor-link"/>
          <xsl:apply-templates mode="#current"/>
        </p>
      </xsl:when>
      <xsl:when test="@type = 'sub'">
        <p class="head head-sub">
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:anchor-link"/>
          <xsl:apply-templates mode="#current"/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="h{ed:heading-level(.)}">
          <xsl:attribute name="class" select="'head' || ed:tokens(@type, ' head-')"/>
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:anchor-link"/>
          <xsl:apply-templates mode="#current"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A paragraph: an HTML p, a div when it holds blocks (lists, quotations, tables),
       a span inside a note (the note may be shown inline, in a popover). -->
  <xsl:template match="tei:p | tei:ab" mode="reading diplomatic" as="element()">
    <xsl:variable name="name" as="xs:string" select="
      if (ancestor::tei:note or ancestor::tei:cell
          or ancestor::tei:head or ancestor::tei:bibl) then 'span'
      else if (ed:has-block(.)) then 'div'
      else 'p'"/>
    <xsl:element name="{$name}">
      <xsl:if test="$name ne 'p'">
        <xsl:attribute name="class" select="'p'"/>
      </xsl:if>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:call-template name="ed:anchor-link"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- Letters: opener, closer, postscript; their parts each on a line of their own. -->
  <xsl:template match="tei:opener | tei:closer | tei:address | tei:docImprint | tei:byline
    | tei:docTitle | tei:argument | tei:epigraph | tei:trailer"
    mode="reading diplomatic" as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="local-name() || ' ' || ed:lines-class(.)"/>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:anchor-link"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:postscript | tei:titlePage | tei:floatingText | tei:group"
    mode="reading diplomatic" as="element()">
    <div class="{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:salute | tei:signed | tei:dateline | tei:addrLine | tei:titlePart
    | tei:docDate | tei:docAuthor | tei:docEdition | tei:imprimatur"
    mode="reading diplomatic" as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="local-name()
        || ed:tokens(@type, ' ' || local-name(..) || '-')"/>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:anchor-link"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- Collection documents: the source lines and the number label, as printed. -->
  <xsl:template match="tei:bibl" mode="reading diplomatic" as="element()">
    <xsl:choose>
      <xsl:when test="parent::tei:listBibl">
        <li class="bibl{ed:tokens(@type, ' bibl-')}">
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:bibl-number"/>
          <xsl:apply-templates mode="#current"/>
        </li>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
          <xsl:attribute name="class" select="'bibl' || ed:tokens(@type, ' bibl-')"/>
          <xsl:call-template name="ed:id"/>
          <xsl:if test="not(ed:block-parent(.))">
            <xsl:call-template name="ed:field-gap"/>
          </xsl:if>
          <xsl:apply-templates mode="#current"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Document No. 1" of an e-dossier's document list: the printed label is kept in
       @n only, so it is shown from there (in the diplomatic view as apparatus). -->
  <xsl:template name="ed:bibl-number" as="element()?">
    <xsl:call-template name="ed:common-bibl-number"/>
  </xsl:template>

  <!-- (by this name too: views.xsl, where the diplomatic view has its own, calls it) -->
  <xsl:template name="ed:common-bibl-number" as="element()?">
    <xsl:if test="@type = 'document' and @n and not(tei:idno[@type = 'document'])">
      <span class="bibl-number">Document No. {@n}</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listBibl" mode="reading diplomatic" as="element()+">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul class="listBibl{ed:tokens(@type, ' listBibl-')}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="node() except tei:head" mode="#current"/>
    </ul>
  </xsl:template>

  <xsl:template match="tei:label[@type = 'number']" mode="reading diplomatic"
    as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'doc-number'"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== lists ===== -->

  <!-- A bulleted list whose items print their own marks ("• to send …", as this
       edition's do): no second bullet. Another edition's list type="bulleted" without
       them keeps the browser's bullets. -->
  <xsl:function name="ed:marks-printed" as="xs:boolean">
    <xsl:param name="list" as="element(tei:list)"/>
    <xsl:sequence select="$list/@type = 'bulleted' and exists($list/tei:item) and (every $item
      in $list/tei:item satisfies matches(normalize-space($item), '^[^\p{L}\p{N}\s]\s'))"/>
  </xsl:function>

  <xsl:template match="tei:list" mode="reading diplomatic" as="element()+">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul class="list{ed:tokens(@type, ' list-')}{if (tei:label or @type = ('numbered',
      'lettered', 'ordered') or ed:marks-printed(.)) then ' list-labelled' else ''}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="node() except tei:head" mode="#current"/>
    </ul>
  </xsl:template>

  <xsl:template match="tei:item" mode="reading diplomatic" as="element()">
    <li>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:anchor-link"/>
      <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
        <span class="label">
          <xsl:apply-templates mode="#current"/>
        </span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/>
    </li>
  </xsl:template>

  <!-- A list label goes into the item that follows it; a lone label gets its own item. -->
  <xsl:template match="tei:list/tei:label" mode="reading diplomatic" as="element()?">
    <xsl:if test="not(following-sibling::*[1][self::tei:item])">
      <li>
        <span class="label">
          <xsl:apply-templates mode="#current"/>
        </span>
      </li>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:label" mode="reading diplomatic" as="element()">
    <span class="label">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- ===== tables ===== -->

  <xsl:template match="tei:table" mode="reading diplomatic" as="element()">
    <div class="table-wrap">
      <table>
        <xsl:call-template name="ed:id"/>
        <xsl:if test="tei:head">
          <caption>
            <xsl:apply-templates select="tei:head/node()" mode="#current"/>
          </caption>
        </xsl:if>
        <tbody>
          <xsl:apply-templates select="tei:row" mode="#current"/>
        </tbody>
      </table>
      <xsl:apply-templates select="node() except (tei:head | tei:row)" mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:row" mode="reading diplomatic" as="element()">
    <tr>
      <xsl:apply-templates select="tei:cell" mode="#current"/>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell" mode="reading diplomatic" as="element()">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols">
        <xsl:attribute name="colspan" select="@cols"/>
      </xsl:if>
      <xsl:if test="@rows">
        <xsl:attribute name="rowspan" select="@rows"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== verse ===== -->

  <xsl:template match="tei:lg" mode="reading diplomatic" as="element()">
    <div class="lg">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <!-- A verse line; its number (@n), when it has one, in the margin: apparatus, floated
       right (the class rend-right), after the line's last word and apart from it. -->
  <xsl:template match="tei:l" mode="reading diplomatic" as="element()">
    <span class="l">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:anchor-link"/>
      <xsl:apply-templates mode="#current"/>
      <xsl:if test="normalize-space(@n)">
        <xsl:text> </xsl:text>
        <span class="line-number apparatus rend-right" title="line {normalize-space(@n)}"
          >{normalize-space(@n)}</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- ===== quotations ===== -->

  <xsl:template match="tei:quote" mode="reading diplomatic" as="element()">
    <xsl:choose>
      <xsl:when test="ed:is-block-quote(.)">
        <blockquote class="quote">
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:lang"/>
          <xsl:call-template name="ed:quote-content"/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <span class="quote">
          <xsl:call-template name="ed:id"/>
          <xsl:call-template name="ed:lang"/>
          <xsl:call-template name="ed:quote-content"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The quotation marks of rend="quotes": each view sets its own (straight marks as
       printed in the diplomatic view, typographic ones in the reading view). -->
  <xsl:variable name="ed:quote-marks" as="xs:string+" select="$ed:common-quote-marks"/>
  <xsl:variable name="ed:common-quote-marks" as="xs:string+" select="('&quot;', '&quot;')"/>

  <!-- The content of a quotation, in its marks when the source has them. -->
  <xsl:template name="ed:quote-content" as="node()*">
    <xsl:if test="@rend = 'quotes'">
      <xsl:value-of select="$ed:quote-marks[1]"/>
    </xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="@rend = 'quotes'">
      <xsl:value-of select="$ed:quote-marks[2]"/>
    </xsl:if>
  </xsl:template>

  <!-- Quoted speech (q, said): in the view's quotation marks, unless its words carry their
       own or its @rend says none. -->
  <xsl:template match="tei:q | tei:said" mode="reading diplomatic" as="element()">
    <xsl:variable name="marked" as="xs:boolean" select="not(@rend = ('none', 'no-quotes'))
      and not(matches(normalize-space(.), '^[&quot;“‘«„''\-]'))"/>
    <span class="q">
      <xsl:call-template name="ed:lang"/>
      <xsl:if test="$marked"><xsl:value-of select="$ed:quote-marks[1]"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
      <xsl:if test="$marked"><xsl:value-of select="$ed:quote-marks[2]"/></xsl:if>
    </span>
  </xsl:template>

  <!-- A speaker's turn (u, as a transcript of a debate has it): who speaks (@who, its
       pointers without their "#"), then what is said, a block of its own. -->
  <xsl:template match="tei:u" mode="reading diplomatic" as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'u'"/>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:if test="normalize-space(@who)">
        <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
          <xsl:attribute name="class" select="'speaker'"/>
          <xsl:value-of select="string-join(tokenize(normalize-space(@who)) ! replace(., '^#', ''),
            ', ') || ':'"/>
        </xsl:element>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== phrases ===== -->

  <xsl:template match="tei:hi" mode="reading diplomatic" as="element()">
    <xsl:variable name="rend" as="xs:string*" select="tokenize(normalize-space(@rend))"/>
    <xsl:element name="{
      if ($rend = ('italic', 'italics', 'i')) then 'i'
      else if ($rend = ('bold', 'b')) then 'b'
      else if ($rend = ('superscript', 'sup')) then 'sup'
      else if ($rend = ('subscript', 'sub')) then 'sub'
      else if ($rend = ('underline', 'u')) then 'u'
      else 'span'}">
      <xsl:if test="exists($rend)">
        <xsl:attribute name="class" select="$rend ! ('hi-' || .)"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph" mode="reading diplomatic" as="element()">
    <em>
      <xsl:apply-templates mode="#current"/>
    </em>
  </xsl:template>

  <xsl:template match="tei:title" mode="reading diplomatic" as="element()">
    <cite class="title{ed:tokens(@type, ' title-')}">
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:term | tei:mentioned | tei:soCalled | tei:gloss | tei:distinct"
    mode="reading diplomatic" as="element()">
    <span class="{local-name()}">
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="reading diplomatic" as="element()">
    <i class="foreign">
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </i>
  </xsl:template>

  <!-- Dates as printed; the normalised value in a tooltip. -->
  <xsl:template match="tei:date" mode="reading diplomatic"
    as="element()">
    <xsl:variable name="value" as="xs:string?" select="ed:date-value(.)"/>
    <xsl:variable name="datetime" as="xs:string?" select="ed:datetime(.)"/>
    <xsl:element name="{if (exists($datetime)) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="exists($datetime)">
        <xsl:attribute name="datetime" select="$datetime"/>
      </xsl:if>
      <xsl:if test="exists($value)">
        <xsl:attribute name="title" select="$value"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== names and the registers ===== -->

  <!-- The register page of each kind of entry (registers-page.xsl renders them). -->
  <xsl:variable name="ed:register-pages" as="map(xs:string, xs:string)" select="map {
    'person': 'persons.html', 'place': 'places.html', 'org': 'organisations.html'}"/>

  <!-- The kind of register entry a name stands for: person, place, org; () for others. -->
  <xsl:function name="ed:register-kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if ($name/self::tei:persName) then 'person'
      else if ($name/self::tei:placeName) then 'place'
      else if ($name/self::tei:orgName) then 'org'
      else ()"/>
  </xsl:function>

  <!-- Where a name's register entry is shown, from the root of the site
       ("persons.html#kim-il-sung"): for a persName, placeName or orgName whose @ref is
       "registers.xml#ID"; () for any other name or pointer. -->
  <xsl:function name="ed:register-href" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="kind" as="xs:string?" select="ed:register-kind($name)"/>
    <xsl:variable name="ref" as="xs:string" select="normalize-space($name/@ref)"/>
    <xsl:sequence select="if (exists($kind) and matches($ref, '^([^\s#]*/)?registers\.xml#[^\s#/]+$'))
      then $ed:register-pages($kind) || '#' || substring-after($ref, '#') else ()"/>
  </xsl:function>

  <!-- Names. The reading view links a name to its register entry (registers.xml#ID, or an
       entry in the document itself); here they are marked only. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name
    | tei:geogName | tei:roleName | tei:surname | tei:forename | tei:genName | tei:addName
    | tei:nameLink | tei:settlement | tei:country | tei:region | tei:district | tei:bloc"
    mode="reading diplomatic" as="element()">
    <span class="name name-{local-name()}{ed:tokens(@type, ' name-')}">
      <xsl:call-template name="ed:field-gap"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- Bibliographic and register fields: shown as they are, apart from the words before
       them (ed:runs-into). -->
  <xsl:template match="tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:biblScope
    | tei:edition | tei:resp | tei:respStmt | tei:email | tei:objectName | tei:desc
    | tei:state | tei:trait | tei:occupation | tei:affiliation | tei:birth | tei:death
    | tei:sex | tei:location | tei:geo | tei:age | tei:nationality | tei:faith | tei:education
    | tei:residence | tei:langKnowledge | tei:time"
    mode="reading diplomatic" as="element()">
    <span class="{local-name()}">
      <xsl:call-template name="ed:field-gap"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- Phrases that may stand inside a word: shown as they are. -->
  <xsl:template match="tei:num | tei:measure | tei:unit | tei:abbr | tei:expan | tei:orig
    | tei:reg | tei:corr | tei:w | tei:pc | tei:s | tei:phr | tei:cl | tei:figDesc
    | tei:damage | tei:surplus | tei:secl"
    mode="reading diplomatic" as="element()">
    <span class="{local-name()}">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- An identifier; a web address becomes a link. -->
  <xsl:template match="tei:idno" mode="reading diplomatic" as="element()">
    <xsl:choose>
      <xsl:when test="matches(normalize-space(.), '^https?://\S+$')">
        <a class="idno" href="{ed:href(normalize-space(.), .)}">
          <xsl:apply-templates mode="#current"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="idno">
          <xsl:apply-templates mode="#current"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A character or glyph: its content (the long s stays an s, so words stay whole). -->
  <xsl:template match="tei:c | tei:g" mode="reading diplomatic" as="node()*">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:seg" mode="reading diplomatic" as="element()">
    <span class="seg{ed:tokens(@type, ' seg-')}{ed:tokens(@rend, ' rend-')}">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- Erased words (EpiDoc's del rend="erasure"): in the Leiden double brackets, not
       struck through. -->
  <xsl:template match="tei:del[@rend = 'erasure']" mode="reading diplomatic" as="element()">
    <span class="del del-erasure" title="erased in the source">
      <xsl:text>⟦</xsl:text>
      <xsl:apply-templates mode="#current"/>
      <xsl:text>⟧</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:del" mode="reading diplomatic" as="element()">
    <del>
      <xsl:apply-templates mode="#current"/>
    </del>
  </xsl:template>

  <xsl:template match="tei:add" mode="reading diplomatic" as="element()">
    <ins class="add{@place ! (' add-' || .)}">
      <xsl:apply-templates mode="#current"/>
    </ins>
  </xsl:template>

  <!-- A substitution: its deletion and addition, each as del and add show them. -->
  <xsl:template match="tei:subst" mode="reading diplomatic" as="element()">
    <span class="subst">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- Another edition's critical apparatus: the lemma (or the first reading where there
       is none) is the text. The reading view names the other readings in a tooltip;
       the diplomatic view prints them after it, with their witnesses, in brackets
       ("[B: swift]", "[C: om.]"), so that every word of the file is on the page. What
       the apparatus says of a witness (witDetail) goes with the readings, in the tooltip
       and in brackets ("[Hg (correction): yonge struck through]"); a note in it is a
       note of the text, where the apparatus stands. -->
  <xsl:function name="ed:app-text" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="readings" as="element()*" select="ed:app-readings($app)"/>
    <xsl:sequence select="($readings[self::tei:lem], $readings)[1]"/>
  </xsl:function>

  <!-- The apparatus's readings and lemma, in its groups too (rdgGrp, nested), not those
       of an apparatus inside a reading. -->
  <xsl:function name="ed:app-readings" as="element()*" cache="yes">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/(tei:lem | tei:rdg | tei:rdgGrp/descendant::*[self::tei:lem
      or self::tei:rdg][ancestor::tei:app[1] is $app])"/>
  </xsl:function>

  <!-- The apparatus's other readings (the lemma's, or the first reading's, others). -->
  <xsl:function name="ed:app-others" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="ed:app-readings($app) except ed:app-text($app)"/>
  </xsl:function>

  <!-- The apparatus's details of witnesses. -->
  <xsl:function name="ed:app-details" as="element(tei:witDetail)*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/(tei:witDetail | tei:rdgGrp/descendant::tei:witDetail[
      ancestor::tei:app[1] is $app])"/>
  </xsl:function>

  <!-- A reading's witnesses by their ids ("#A #B" → "A B"); () if it names none. -->
  <xsl:function name="ed:witnesses" as="xs:string?">
    <xsl:param name="rdg" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($rdg/@wit))
      ! replace(., '^.*#', ''), ' ')[.]"/>
  </xsl:function>

  <!-- "B: swift", "C: om." -->
  <xsl:function name="ed:reading-label" as="xs:string">
    <xsl:param name="rdg" as="element()"/>
    <xsl:sequence select="(ed:witnesses($rdg) ! (. || ': '))
      || (normalize-space(ed:reading-words($rdg))[.], 'om.')[1]"/>
  </xsl:function>

  <!-- The words of a reading as it reads: of an apparatus inside it, its text, then its
       other readings in brackets ("Zepherus eek (La: ek)", not "Zepherus eekek"). -->
  <xsl:function name="ed:reading-words" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join(for $n in $e/node() return
      if ($n/self::text()) then string($n)
      else if ($n/self::tei:app) then string-join(ed:app-text($n) ! ed:reading-words(.))
        || (ed:app-others($n)[1] ! (' (' || string-join(ed:app-others($n)
              ! ed:reading-label(.), '; ') || ')'))
      else if ($n/self::tei:note or $n/self::tei:witDetail) then ''
      else if ($n/self::*) then ed:reading-words($n) else '')"/>
  </xsl:function>

  <!-- "Hg (correction): " : the witnesses and kind a witDetail is about, or "". -->
  <xsl:function name="ed:detail-label" as="xs:string">
    <xsl:param name="detail" as="element(tei:witDetail)"/>
    <xsl:variable name="about" as="xs:string" select="normalize-space(string-join((
      ed:witnesses($detail), $detail/@type[normalize-space()] ! ('(' || . || ')')), ' '))"/>
    <xsl:sequence select="if ($about) then $about || ': ' else ''"/>
  </xsl:function>

  <xsl:template match="tei:app" mode="reading" as="element()">
    <xsl:variable name="text" select="ed:app-text(.)"/>
    <xsl:variable name="others" select="ed:app-others(.)"/>
    <xsl:variable name="details" select="ed:app-details(.)"/>
    <span class="app">
      <xsl:if test="exists(($others, $details))">
        <xsl:attribute name="title" select="string-join((
          $others[1] ! ('Other readings: ' || string-join($others ! ed:reading-label(.), '; ')),
          $details ! (ed:detail-label(.) || normalize-space(.))), '. ')"/>
      </xsl:if>
      <xsl:apply-templates select="$text/node()" mode="#current"/>
      <xsl:apply-templates select="tei:note" mode="#current"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:app" mode="diplomatic" as="element()">
    <xsl:variable name="text" select="ed:app-text(.)"/>
    <span class="app">
      <xsl:apply-templates select="$text/node()" mode="#current"/>
      <xsl:for-each select="ed:app-others(.)">
        <span class="rdg apparatus">
          <xsl:text> [</xsl:text>
          <xsl:value-of select="ed:witnesses(.) ! (. || ': ')"/>
          <xsl:choose>
            <xsl:when test="normalize-space(.)">
              <xsl:apply-templates mode="#current"/>
            </xsl:when>
            <xsl:otherwise>om.</xsl:otherwise>
          </xsl:choose>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:for-each>
      <xsl:for-each select="ed:app-details(.)">
        <span class="witDetail apparatus">
          <xsl:text> [{ed:detail-label(.)}</xsl:text>
          <xsl:apply-templates mode="#current"/>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:for-each>
      <xsl:apply-templates select="tei:note" mode="#current"/>
    </span>
  </xsl:template>

  <!-- The printed page's furniture (a running head, a catchword) and the marks a writer
       made on the text (metamark) belong to the document as it stands: the diplomatic
       view shows them, the reading view leaves them out. So does the abbreviation's
       mark (am), where the reading view shows the editor's expansion (ex). -->
  <xsl:template match="tei:fw | tei:metamark | tei:am" mode="diplomatic" as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="local-name() || ed:tokens(@type, ' ' || local-name(..) || '-')"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:fw | tei:metamark | tei:am" mode="reading"/>

  <xsl:template match="tei:ex" mode="reading" as="element()">
    <span class="ex">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:ex" mode="diplomatic"/>

  <!-- Entries for a back-of-the-book index: no words of the text. -->
  <xsl:template match="tei:index" mode="reading diplomatic"/>

  <!-- A quotation with its source. -->
  <xsl:template match="tei:cit" mode="reading diplomatic" as="element()">
    <xsl:element name="{if (ed:has-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'cit'"/>
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:field-gap"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- A play's speech: its speaker's name, then what is said. -->
  <xsl:template match="tei:sp" mode="reading diplomatic" as="element()">
    <div class="sp">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="reading diplomatic" as="element()">
    <p class="speaker">
      <xsl:apply-templates mode="#current"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="reading diplomatic" as="element()">
    <span class="unclear" title="unclear in the source">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- "36,274 [sic]": the source's own [sic], in both views. -->
  <xsl:template match="tei:sic" mode="reading diplomatic" as="node()+">
    <span class="sic">
      <xsl:apply-templates mode="#current"/>
    </span>
    <xsl:if test="@rend = 'bracket-sic'">
      <xsl:text> [sic]</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "[Laughs]", "[Applause]", "(Pause)": what happened while the words were said, in
       the source's words, in their brackets, square or round, where the source prints
       them so (ours);
       another edition's description as it gives it ("(Laughter)"). -->
  <xsl:template match="tei:vocal | tei:kinesic | tei:incident" mode="reading diplomatic"
                as="element()?">
    <xsl:variable name="words" as="xs:string"
                  select="normalize-space(string-join(tei:desc, ' '))"/>
    <xsl:if test="$words">
      <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
        <xsl:attribute name="class"
                       select="'event event-' || local-name() || ed:tokens(@type, ' event-')"/>
        <xsl:attribute name="title" select="'the source says what happened: '
          || (@type, local-name())[1]"/>
        <xsl:value-of select="if (@rend = 'brackets') then '[' || $words || ']'
          else if (@rend = 'parentheses') then '(' || $words || ')' else $words"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- choice: the source's form (sic, orig, abbr); the reading view overrides this. -->
  <xsl:template match="tei:choice" mode="reading diplomatic" as="node()*">
    <xsl:apply-templates select="(tei:sic, tei:orig, tei:abbr, *)[1]/node()"
      mode="#current"/>
  </xsl:template>

  <!-- A choice of free alternatives (another project's seg, no form the source's): the
       first, the others after it in brackets ("colour [or: color]"), so that every word
       of the file is on the page. -->
  <xsl:template match="tei:choice[empty(tei:sic | tei:orig | tei:abbr | tei:corr | tei:reg
    | tei:expan)][count(*) gt 1]" mode="diplomatic" as="node()*">
    <xsl:apply-templates select="*[1]/node()" mode="diplomatic"/>
    <xsl:for-each select="* except *[1]">
      <span class="choice-alternative">
        <xsl:text> [or: </xsl:text>
        <xsl:apply-templates mode="diplomatic"/>
        <xsl:text>]</xsl:text>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- "Pyeongan [Pyongan]": a second romanisation printed in brackets after the first. -->
  <xsl:template match="tei:choice[tei:reg/@rend = 'brackets']" mode="diplomatic"
    as="node()*">
    <xsl:apply-templates select="tei:orig/node()" mode="diplomatic"/>
    <xsl:text> [</xsl:text>
    <xsl:apply-templates select="tei:reg/node()" mode="diplomatic"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- ===== references ===== -->

  <xsl:template match="tei:ref | tei:ptr" mode="reading diplomatic" as="element()">
    <xsl:variable name="target" as="xs:string"
      select="normalize-space((@target, @url, '')[1])"/>
    <!-- the allow-list first (it warns about what it drops); then only a fragment id
         and an address on the web make a link: another project's relative paths lead to
         files that are not in this site -->
    <xsl:variable name="safe" as="xs:string?" select="ed:href($target, .)"/>
    <!-- another TEI file ("L0002.xml", "L0002.xml#p3") rendered with this one: its page
         in the same view -->
    <!-- (a document's id, as FRUS points at another volume: "frus1888p1#pg_759") -->
    <xsl:variable name="file" as="xs:string?" select="$safe[matches(.,
      '^[A-Za-z0-9][A-Za-z0-9._-]*(#[^\s#]+)?$')] ! substring-before(. || '#', '#')
      ! replace(., '\.xml$', '')"/>
    <xsl:variable name="rendered" as="xs:boolean"
      select="exists($file) and exists($corpus//tei:ref[@target = $file || '.xml'])"/>
    <xsl:variable name="href" as="xs:string?" select="
      if (starts-with($safe, '#') and not(contains($safe, ' '))) then ed:fragment-href($safe, .)
      else if (matches($safe, '^https?://\S+$')) then $safe
      else if ($rendered) then $file || '.html'
        || (substring-after($safe, '#')[.] ! ('#' || ed:page-id(.)))
      else ()"/>
    <!-- a path to a file ("notes.html", "../L3.xml"): the file is not in this site; a
         bare id of a document not rendered says nothing of a file, and is not warned of -->
    <xsl:if test="exists($safe) and empty($href) and matches(substring-before($safe || '#',
      '#'), '[./]') and not(ed:is-ours(ancestor::tei:TEI[1]))">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | a link to &quot;'
        || ed:shown-url($safe) || '&quot;, a file that is not among the files rendered: shown '
        || 'as text, not as a link'"/>
    </xsl:if>
    <xsl:element name="{if (exists($href)) then 'a' else 'span'}">
      <xsl:attribute name="class" select="'ref' || ed:tokens(@type, ' ref-')"/>
      <xsl:if test="exists($href)">
        <xsl:attribute name="href" select="$href"/>
      </xsl:if>
      <xsl:if test="empty($href) and $target">
        <xsl:attribute name="title" select="$target"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space() or *">
          <xsl:apply-templates mode="#current"/>
        </xsl:when>
        <xsl:when test="$target">
          <span class="apparatus">[→ {$target}]</span>
        </xsl:when>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- A footnote sign printed in the text: a second sign of a note links to that note;
       a sign whose note the source does not print is shown as printed and said so. -->
  <xsl:template match="tei:ref[@type = 'noteSign']" mode="reading diplomatic"
    as="element()">
    <xsl:variable name="id" as="xs:string" select="substring-after(@target, '#')"/>
    <xsl:variable name="note" as="element(tei:note)?"
      select="(root()//tei:note[@xml:id = $id][@place = ('foot', 'end')])[1]"/>
    <xsl:choose>
      <xsl:when test="exists($note)">
        <a class="fn-sign note-sign" href="#fn-{ed:note-id($note)}"
          title="the same note as the sign {$note/@n}">{.}</a>
      </xsl:when>
      <xsl:otherwise>
        <span class="note-sign note-sign-orphan"
          title="the source prints no note for this sign">{.}</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "See doc. 78": a document of this edition, linked to its page in the same view. -->
  <xsl:template match="tei:ref[@type = 'document'][@target]" mode="reading diplomatic"
    as="element()">
    <xsl:variable name="href" as="xs:string?" select="ed:href(@target, .) ! ed:doc-href(.)"/>
    <xsl:element name="{if (exists($href)) then 'a' else 'span'}">
      <xsl:attribute name="class" select="'ref ref-document'"/>
      <xsl:if test="exists($href)">
        <xsl:attribute name="href" select="$href"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- "See doc. 131" where doc. 131 is a document of another source of the same printed
       collection: found in the edition's list of documents (tei/corpus.xml: its number
       and collection), linked as a document of the edition (each source's conversion
       sees only its own documents). -->
  <xsl:template match="tei:ref[@type = 'unresolved'][@n][exists(ed:document-numbered(.))]"
    mode="reading diplomatic" priority="2" as="element()">
    <xsl:variable name="href" as="xs:string?"
      select="ed:href(ed:document-numbered(.)/tei:ref/@target, .) ! ed:doc-href(.)"/>
    <xsl:element name="{if (exists($href)) then 'a' else 'span'}">
      <xsl:attribute name="class" select="'ref ref-document'"/>
      <xsl:if test="exists($href)">
        <xsl:attribute name="href" select="$href"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="ed:document-numbered" as="element(tei:bibl)?" cache="yes">
    <xsl:param name="ref" as="element(tei:ref)"/>
    <xsl:variable name="collection" as="xs:string" select="normalize-space((root($ref)//
      tei:sourceDesc/tei:bibl[@type = 'collection']/tei:title)[1])"/>
    <xsl:sequence select="if ($collection and exists($corpus)) then ($corpus//tei:bibl[
      @type = 'document'][@n = $ref/@n][normalize-space(tei:title[@type = 'source'])
      = $collection])[1] else ()"/>
  </xsl:function>

  <!-- ===== milestones and empty elements ===== -->

  <xsl:template match="tei:pb" mode="reading diplomatic" as="element()">
    <span class="pb apparatus" role="note">
      <xsl:call-template name="ed:id"/>
      <xsl:attribute name="title" select="'page break in the source'
        || @n ! (': page ' || .)"/>
      <xsl:text>[{if (@n) then 'p. ' || @n else 'page break'}]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:lb" mode="reading diplomatic" as="element()">
    <br/>
  </xsl:template>

  <!-- A line break inside a word (break="no": "Sal<lb break="no"/>isbury"): the spaces
       the file has around it are no spaces of the text. The word's own text node loses
       them (the reading view joins the word, the diplomatic view breaks the line); a text
       node of spaces alone, between the break and another element, keeps them. -->
  <!-- (the patterns test the neighbour first: a regular expression in a pattern would be
       tried on every text node of the document, four times the views' time on FRUS) -->
  <xsl:template match="text()[following-sibling::node()[1][self::tei:lb[@break = 'no']]
    or preceding-sibling::node()[1][self::tei:lb[@break = 'no']]]"
    mode="reading diplomatic" as="text()">
    <xsl:variable name="end" as="xs:boolean" select="matches(., '\S\s+$')
      and exists(following-sibling::node()[1][self::tei:lb[@break = 'no']])"/>
    <xsl:variable name="start" as="xs:boolean" select="matches(., '^\s+\S')
      and exists(preceding-sibling::node()[1][self::tei:lb[@break = 'no']])"/>
    <xsl:variable name="trimmed" as="xs:string" select="if ($end) then replace(., '\s+$', '')
      else string(.)"/>
    <xsl:value-of select="if ($start) then replace($trimmed, '^\s+', '') else $trimmed"/>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor" mode="reading diplomatic"
    as="element()?">
    <xsl:if test="@xml:id">
      <span class="{local-name()}">
        <xsl:call-template name="ed:id"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A change of hand, a facsimile pointer: nothing to show in the text. -->
  <xsl:template match="tei:handShift | tei:graphic[ancestor::tei:facsimile]"
    mode="reading diplomatic" as="empty-sequence()"/>

  <xsl:template match="tei:space" mode="reading diplomatic" as="element()">
    <span class="space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <xsl:template match="tei:figure" mode="reading diplomatic" as="element()">
    <figure class="figure">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="node() except (tei:head | tei:figDesc)" mode="#current"/>
      <xsl:if test="tei:head or tei:figDesc">
        <figcaption>
          <xsl:apply-templates select="tei:head/node()" mode="#current"/>
          <!-- the heading and the description are two fields: not run together -->
          <xsl:if test="tei:head and tei:figDesc">
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates select="tei:figDesc" mode="#current"/>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- A graphic whose file lies beside the TEI file (render.py copies it into the site)
       is shown; otherwise a labelled placeholder says what is missing. -->
  <xsl:template match="tei:graphic" mode="reading diplomatic" as="element()">
    <!-- ("!refused": its file is beside the TEI but no image the site may show) -->
    <xsl:variable name="found" as="xs:string?" select="ed:graphic-path(@url)"/>
    <xsl:variable name="path" as="xs:string?"
      select="$found[. ne '!refused'] ! ed:href('../' || ., current())"/>
    <xsl:variable name="label" as="xs:string" select="normalize-space(string-join((
      ../tei:figDesc, ../tei:head, tei:desc), ' '))"/>
    <xsl:choose>
      <xsl:when test="exists($path)">
        <img class="graphic" src="{$path}" alt="{if ($label) then $label else 'image ' || @url}"
          loading="lazy"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic graphic-missing apparatus" role="img"
          aria-label="image not available">[image{@url[normalize-space()] !
          (' “' || ed:shown-url(.) || '”')}: not available, {if ($found = '!refused')
          then 'its file is no PNG, JPEG, GIF or WebP image named as one, or lies outside the
          TEI file''s folder' else 'its file is not beside the TEI file'}]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== registers (listPerson, listPlace, listOrg) ===== -->

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent
    | tei:listNym" mode="reading diplomatic" as="element()+">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul class="register register-{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="node() except tei:head" mode="#current"/>
    </ul>
  </xsl:template>

  <xsl:template match="tei:person | tei:place | tei:org | tei:event | tei:personGrp
    | tei:nym" mode="reading diplomatic" as="element()">
    <li class="entry entry-{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </li>
  </xsl:template>

  <!-- Anything else inside a register entry is a field of the entry. -->
  <xsl:template match="*[ancestor::tei:person or ancestor::tei:place or ancestor::tei:org
    or ancestor::tei:event or ancestor::tei:personGrp]" priority="-2"
    mode="reading diplomatic" as="element()">
    <span class="field field-{local-name()}">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- ===== inline notes (both views): they stay where they are ===== -->

  <xsl:template match="tei:note[ed:is-inline-note(.)]" mode="reading diplomatic"
    as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'note-inline' || ed:tokens(@type, ' note-')
        || @place ! (' place-' || .)"/>
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- A translator's note the source prints in square brackets in the text ("[Stamp:
       Received 5 June]"): in its brackets, in both views. -->
  <xsl:template match="tei:note[@rend = 'brackets'][ed:is-inline-note(.)]"
    mode="reading diplomatic" priority="1" as="element()">
    <span class="note-inline{ed:tokens(@type, ' note-')} note-brackets"
      title="{if (@type = 'translator') then 'the translator&#x2019;s note'
        else if (@type = 'editorial') then 'the editors&#x2019; note' else 'a note'}">
      <xsl:call-template name="ed:id"/>
      <xsl:text>[</xsl:text>
      <xsl:apply-templates mode="#current"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- A footnote whose sign the text lacks has no anchor: nothing stands in the text;
       it is listed with the other notes, in the order the source prints them. -->
  <xsl:template match="tei:note[@type = 'unanchored']" mode="reading diplomatic"
    priority="1" as="empty-sequence()"/>

  <!-- A part that holds only such notes adds nothing to the text either. -->
  <xsl:template match="tei:div[@type = 'notes'][not(* except tei:note[@type = 'unanchored'])]"
    mode="reading diplomatic" priority="1" as="empty-sequence()"/>

  <!-- A section break printed as a row of signs ("***"). -->
  <xsl:template match="tei:milestone[@unit = 'section']" mode="reading diplomatic"
    as="element()">
    <xsl:choose>
      <xsl:when test="normalize-space(@rend) and ed:block-parent(.)">
        <p class="milestone" role="separator">{@rend}</p>
      </xsl:when>
      <xsl:when test="normalize-space(@rend)">
        <span class="milestone" role="separator">{@rend}</span>
      </xsl:when>
      <xsl:otherwise>
        <hr class="milestone"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== dictionaries and casts of other projects ===== -->

  <!-- A dictionary's entry: a block of its own, its senses, etymology and related
       entries blocks inside it, its headword bold, its grammar in italics. -->
  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:sense | tei:etym
    | tei:re | tei:hom" mode="reading diplomatic" as="element()">
    <div class="{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:if test="self::tei:sense and normalize-space(@n)">
        <span class="sense-number">{normalize-space(@n)}.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:orth" mode="reading diplomatic" as="element()">
    <b class="orth">
      <xsl:call-template name="ed:field-gap"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </b>
  </xsl:template>

  <xsl:template match="tei:gramGrp | tei:pos | tei:gen | tei:number | tei:case | tei:per
    | tei:tns | tei:mood | tei:iType | tei:subc | tei:colloc | tei:usg | tei:lbl"
    mode="reading diplomatic" as="element()">
    <i class="{local-name()}">
      <xsl:call-template name="ed:field-gap"/>
      <xsl:apply-templates mode="#current"/>
    </i>
  </xsl:template>

  <xsl:template match="tei:form | tei:pron | tei:hyph | tei:syll | tei:stress | tei:def
    | tei:xr | tei:oRef | tei:pRef | tei:lang" mode="reading diplomatic" as="element()">
    <span class="{local-name()}">
      <xsl:call-template name="ed:field-gap"/>
      <xsl:call-template name="ed:lang"/>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- A stage direction: a paragraph of its own between speeches, else in the line. -->
  <xsl:template match="tei:stage" mode="reading diplomatic" as="element()">
    <xsl:element name="{if (ed:block-parent(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'stage' || ed:tokens(@type, ' stage-')"/>
      <xsl:call-template name="ed:id"/>
      <xsl:if test="not(ed:block-parent(.))">
        <xsl:call-template name="ed:field-gap"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- A play's list of characters: a list, a group of them a list inside it. -->
  <xsl:template match="tei:castList" mode="reading diplomatic" as="element()">
    <div class="castlist">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="tei:head" mode="#current"/>
      <ul>
        <xsl:apply-templates select="* except tei:head" mode="#current"/>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="tei:castGroup" mode="reading diplomatic" as="element()">
    <li class="castgroup">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates select="tei:head" mode="ed:cast-head"/>
      <ul>
        <xsl:apply-templates select="* except tei:head" mode="#current"/>
      </ul>
    </li>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:cast-head" as="element()">
    <span class="cast-head">
      <xsl:apply-templates mode="reading"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:castItem" mode="reading diplomatic" as="element()">
    <li class="castitem">
      <xsl:call-template name="ed:id"/>
      <xsl:apply-templates mode="#current"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor" mode="reading diplomatic"
    as="element()">
    <span class="{local-name()}">
      <xsl:call-template name="ed:id"/>
      <xsl:choose>
        <xsl:when test="self::tei:roleDesc and preceding-sibling::node()[1][self::tei:role]">
          <xsl:text>, </xsl:text>
        </xsl:when>
        <xsl:when test="not(self::tei:role)">
          <xsl:call-template name="ed:field-gap"/>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- ===== the catch-all ===== -->

  <!-- A script or style sheet of another namespace (svg:script, html:style): code, no
       words of the text; not shown (edition/inert.py makes it inert in the published
       TEI), and warned about. -->
  <xsl:template match="*[local-name() = ('script', 'style')]
    [namespace-uri() ne 'http://www.tei-c.org/ns/1.0']" mode="reading diplomatic"
    priority="-5" as="empty-sequence()">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($ed:copy)">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | &lt;' || name()
        || '&gt; at ' || ed:path(.) || ' is code of another namespace, no text: not shown'"/>
    </xsl:if>
  </xsl:template>

  <!-- An element no rule handles: warn (name and path; render.py adds the line) and
       keep its content, so that no word of the source is lost. -->
  <xsl:template match="*" mode="reading diplomatic" priority="-10" as="element()">
    <xsl:param name="ed:copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($ed:copy)">
      <xsl:message select="'ED-LOC ' || ed:position-path(.) || ' | unhandled element &lt;'
        || name() || '&gt; at ' || ed:path(.) || ': its content is shown as it stands'"/>
    </xsl:if>
    <xsl:element name="{if (ed:has-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'unhandled'"/>
      <xsl:attribute name="data-tei" select="name()"/>
      <xsl:call-template name="ed:id"/>
      <xsl:if test="not(ed:has-block(.))">
        <xsl:call-template name="ed:field-gap"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
