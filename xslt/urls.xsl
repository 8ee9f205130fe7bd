<?xml version="1.0" encoding="UTF-8"?>
<!--
  Safe links: the one allow-list every URL the stylesheets write goes through.

  Allowed: http:, https:, mailto:, scheme-less relative paths ("../persons.html",
  "d14.html#pg_10") and fragment ids ("#fn-3"). Anything else ("javascript:", "data:",
  "vbscript:", "file:", unknown schemes, network paths "//host") is dropped.

  The value is read the way a browser's URL parser reads it, so that tricks cannot slip
  past: tab, line feed and carriage return are removed wherever they stand
  ("java&#x09;script:" is "javascript:" to a browser), spaces and controls at either end
  are trimmed ("  JAVASCRIPT:"), the scheme is compared without regard to case, and a
  value with any other control character is refused outright. A colon before the first
  "/", "?" or "#" makes a scheme, so a scheme-less value never holds one there; an "&amp;"
  before the first colon could be a character reference that spells a scheme
  ("jav&amp;#x61;script:") and is refused too.

  ed:safe-url is the allow-list; ed:href (functions.xsl) applies it to a TEI attribute
  and warns (with the element's location) when it drops one; the mode ed:safe runs over every finished
  page (edition's ed:page template) and applies the allow-list to every URL attribute
  again, drops event-handler attributes and any script that is not one of ours: a
  template that forgets to ask cannot write a live link.
  Included by functions.xsl, and by schema/edition.sch for its rule link.safe.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:ed="urn:edition:functions"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The schemes a link may have. -->
  <xsl:variable name="ed:safe-schemes" as="xs:string+" select="'http', 'https', 'mailto'"/>

  <!-- The HTML attributes that hold a URL. -->
  <xsl:variable name="ed:url-attributes" as="xs:string+" select="'href', 'src', 'action',
    'formaction', 'poster', 'cite', 'background', 'data', 'srcset', 'xlink:href', 'ping',
    'longdesc', 'manifest', 'codebase', 'archive', 'lowsrc', 'dynsrc'"/>

  <!-- $url as a browser would read it, if it passes the allow-list; else (). -->
  <xsl:function name="ed:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <!-- A fast path for the many plain relative links every page has (the last check over
         a page meets thousands): a value of letters, digits and "-._~/#?=%+" only, not
         starting "//", holds no scheme, control, white space or "&amp;", and the general
         rules below would keep it as it is. -->
    <xsl:sequence select="if (exists($url) and $url ne '' and not(starts-with($url, '//'))
      and matches($url, '^[A-Za-z0-9._~/#?=%+\-]+$')) then $url
      else ed:safe-url-general($url)"/>
  </xsl:function>

  <xsl:function name="ed:safe-url-general" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="clean" as="xs:string"
      select="replace(replace(string($url), '[&#9;&#10;&#13;]', ''), '^ +| +$', '')"/>
    <xsl:variable name="scheme" as="xs:string?"
      select="if (matches($clean, '^[^/?#]*:')) then lower-case(substring-before($clean, ':'))
              else ()"/>
    <xsl:sequence select="
      if ($clean eq '' or matches($clean, '\p{Cc}')) then ()
      else if (contains(substring-before($clean, ':'), '&amp;')) then ()
      else if (exists($scheme)) then $clean[$scheme = $ed:safe-schemes]
      else if (matches($clean, '^[/\\][/\\]')) then ()
      else $clean"/>
  </xsl:function>

  <!-- Is $url a link to another site (http, https, mailto)? -->
  <xsl:function name="ed:is-external" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="matches(string(ed:safe-url($url)), '^(https?|mailto):', 'i')"/>
  </xsl:function>

  <!-- A URL for a message: controls made visible, long values cut. -->
  <xsl:function name="ed:shown-url" as="xs:string">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="plain" as="xs:string" select="replace(string($url), '\p{Cc}', '?')"/>
    <xsl:sequence select="if (string-length($plain) gt 80) then substring($plain, 1, 80) || '…'
      else $plain"/>
  </xsl:function>

  <!-- ===== the last check over every finished page ===== -->

  <!-- Would the templates of mode ed:safe below change anything on $page? The same tests
       as their match patterns and conditions, asked in one pass without copying the page:
       a page they would copy unchanged (every page the stylesheets make from a TEI file
       without unsafe values) is written as it is, which saves a copy of every node of a
       long page. Keep the two in step when a rule is added. -->
  <xsl:function name="ed:needs-safe-pass" as="xs:boolean">
    <xsl:param name="page" as="element()"/>
    <!-- (name() = 'xlink:href' of the template's pattern: its local name is href) -->
    <xsl:sequence select="exists($page/descendant-or-self::*/@*[
        (: a URL attribute whose value the allow-list changes or drops; srcset always :)
        (map:contains($ed:url-attribute-set, local-name())
          and (local-name() eq 'srcset' or not(ed:safe-url(.) eq string(.))))
        (: event handlers, inline styles, srcdoc :)
        or map:contains($ed:on-prefixes, substring(local-name(), 1, 2))
        or (map:contains($ed:style-attributes, local-name()) and namespace-uri() eq '')])
      or exists($page/descendant-or-self::*[map:contains($ed:checked-elements,
        lower-case(local-name()))][lower-case(local-name()) ne 'script'
        or not(exists(ed:safe-url(@src)) and not(ed:is-external(ed:safe-url(@src)))
          and ends-with(ed:safe-url(@src), '.js') and not(node()))])"/>
  </xsl:function>
  <xsl:variable name="ed:url-attribute-set" as="map(xs:string, xs:boolean)"
    select="map:merge($ed:url-attributes ! map:entry(., true()))"/>
  <xsl:variable name="ed:on-prefixes" as="map(xs:string, xs:boolean)"
    select="map:merge(('on', 'On', 'oN', 'ON') ! map:entry(., true()))"/>
  <xsl:variable name="ed:style-attributes" as="map(xs:string, xs:boolean)"
    select="map{'style': true(), 'srcdoc': true()}"/>
  <xsl:variable name="ed:checked-elements" as="map(xs:string, xs:boolean)"
    select="map:merge(('script', 'iframe', 'object', 'embed', 'base', 'frame', 'frameset',
    'applet') ! map:entry(., true()))"/>

  <xsl:mode name="ed:safe" on-no-match="shallow-copy"/>

  <!-- A URL attribute keeps a safe value only; srcset (several URLs) is not written. -->
  <xsl:template match="@*[local-name() = $ed:url-attributes or name() = $ed:url-attributes]"
    mode="ed:safe" as="attribute()?">
    <xsl:variable name="safe" as="xs:string?"
      select="if (local-name() eq 'srcset') then () else ed:safe-url(.)"/>
    <xsl:choose>
      <xsl:when test="$safe eq string(.)">
        <xsl:sequence select="."/>
      </xsl:when>
      <xsl:when test="exists($safe)">
        <xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="$safe"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message select="'unsafe link dropped from the page: @' || name() || '=&quot;'
          || ed:shown-url(.) || '&quot; on &lt;' || name(..) || '&gt;'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Event handlers (onclick, onerror …) and inline styles never reach a page. -->
  <xsl:template match="@*[starts-with(lower-case(local-name()), 'on')] | @style | @srcdoc"
    mode="ed:safe" as="empty-sequence()"/>

  <!-- Only the edition's own scripts: an empty script element loading a relative .js file.
       Elements that could load or run other content are not written. -->
  <xsl:template match="*[lower-case(local-name()) = ('script')]" mode="ed:safe"
    as="element()?">
    <xsl:variable name="src" as="xs:string?" select="ed:safe-url(@src)"/>
    <xsl:choose>
      <xsl:when test="exists($src) and not(ed:is-external($src)) and ends-with($src, '.js')
        and not(node())">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message select="'a script that is not one of the edition''s was dropped'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*[lower-case(local-name()) = ('iframe', 'object', 'embed', 'base',
    'frame', 'frameset', 'applet')]" mode="ed:safe" as="empty-sequence()">
    <xsl:message select="'an element &lt;' || name() || '&gt; was dropped from the page'"/>
  </xsl:template>

</xsl:stylesheet>
