<?xml version="1.0" encoding="UTF-8"?>
<!--
  The dated events the documents mention: every <date> in the text of a document (not
  the header), with its normalised value, the words around it, and a link to its
  passage. Shown on the timeline below the documents, with a filter (a word, and the
  events later than their document or within its time: edition.js). Included by
  timeline.xsl, pages.xsl and views.xsl; reads the edition tree ($edition, edition/sitedata.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:function name="ed:event-key" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="string(($date/(@when, @from, @notBefore, @to, @notAfter)
      ! normalize-space(.))[matches(., '^-?\d{4}')][1])"/>
  </xsl:function>

  <!-- The number of dates the list holds, given when the caller writes the list itself
       (edition/stages/timeline.py: each document's items made once, by ed:event-items,
       and kept): the list is then left empty but for a comment, which the caller replaces
       with the items in the order of their keys, as the sort below orders them; and the
       number is a comment the caller replaces with it (the page tells only whether it is
       0). -->
  <xsl:param name="event-count" as="xs:integer?" select="()"/>

  <!-- The dates of the documents $documents that the list holds, in the order of the
       documents and of their text. -->
  <xsl:function name="ed:event-dates" as="element(tei:date)*">
    <xsl:param name="documents" as="element(tei:TEI)*"/>
    <xsl:sequence select="$documents/tei:text//tei:date[ed:event-key(.)][not(
      ancestor::tei:note[not(ed:is-inline-note(.))])]"/>
  </xsl:function>

  <!-- the words of each passage that holds one of $dates, found once per passage (a
       passage with many dates is not read again for each) -->
  <xsl:function name="ed:event-passages" as="map(xs:string, xs:string)">
    <xsl:param name="dates" as="element(tei:date)*"/>
    <xsl:sequence select="map:merge(
      $dates/ancestor::*[@ed:anchor][1] ! map:entry(generate-id(.), normalize-space(
        string-join(.//text()[not(ancestor::tei:note[not(ed:is-inline-note(.))])]))))"/>
  </xsl:function>

  <!-- For the caller that writes the list (see $event-count): each date of $edition, in
       the order of ed:event-dates, as three strings: the position of its document in
       $edition, its key (the list is in the order of the keys), and its list item as the
       page writes it, after the page's last check (mode ed:safe, which looks at each
       element and attribute alone, so that checking the items one by one is checking
       them on the page). -->
  <xsl:function name="ed:event-items" as="xs:string*" visibility="public">
    <xsl:param name="edition" as="node()"/>
    <xsl:for-each select="$edition/*/tei:TEI">
      <xsl:variable name="document" as="xs:string" select="string(position())"/>
      <xsl:variable name="dates" as="element(tei:date)*" select="ed:event-dates(.)"/>
      <xsl:variable name="passages" as="map(xs:string, xs:string)"
        select="ed:event-passages($dates)"/>
      <xsl:for-each select="$dates">
        <xsl:variable name="item" as="element()">
          <xsl:call-template name="ed:event-item">
            <xsl:with-param name="passages" select="$passages"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="checked" as="element()?">
          <xsl:choose>
            <xsl:when test="ed:needs-safe-pass($item)">
              <xsl:apply-templates select="$item" mode="ed:safe"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:sequence select="$item"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:sequence select="$document, ed:event-key(.), string-join($checked ! serialize(.,
          map{'method': 'html', 'html-version': 5.0, 'indent': false(),
              'include-content-type': false()}))"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <xsl:template name="ed:mentioned-events" as="element()?">
    <xsl:variable name="dates" as="element(tei:date)*"
      select="if (exists($event-count)) then () else ed:event-dates($edition/*/tei:TEI)"/>
    <xsl:variable name="count" as="xs:integer" select="($event-count, count($dates))[1]"/>
    <xsl:if test="$count gt 0">
      <section class="events" aria-labelledby="events-head">
        <h2 id="events-head">Dates the documents mention</h2>
        <p class="intro"><xsl:choose>
            <!-- the caller writes the number too: the page without its items is then the
                 same for any number of them but none -->
            <xsl:when test="exists($event-count)"><xsl:comment>ed:event-count</xsl:comment></xsl:when>
            <xsl:otherwise>{$count}</xsl:otherwise>
          </xsl:choose> dates named in the text of the documents, in the
          order of the dates they name (as the editors normalised them). Each leads to its
          passage.</p>
        <div class="event-filter" hidden="hidden" data-filter-for="event-list">
          <label for="event-q">Show dates whose passage contains</label>
          <input id="event-q" type="search" autocomplete="off"/>
          <label for="event-kind">which are</label>
          <select id="event-kind">
            <option value="">all</option>
            <option value="later">after their document</option>
            <option value="earlier">no later than their document</option>
          </select>
          <span class="event-count" role="status"></span>
        </div>
        <ol class="event-list" id="event-list">
          <xsl:choose>
            <xsl:when test="exists($event-count)">
              <xsl:comment>ed:event-items</xsl:comment>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="passages" as="map(xs:string, xs:string)"
                select="ed:event-passages($dates)"/>
              <xsl:for-each select="$dates">
                <xsl:sort select="ed:event-key(.)"/>
                <xsl:call-template name="ed:event-item">
                  <xsl:with-param name="passages" select="$passages"/>
                </xsl:call-template>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One date of the list (the context item). -->
  <xsl:template name="ed:event-item" as="element()">
    <xsl:param name="passages" as="map(xs:string, xs:string)"/>
    <xsl:variable name="tei" as="element(tei:TEI)" select="ancestor::tei:TEI[1]"/>
    <xsl:variable name="file" as="xs:string" select="string(($tei/@ed:file, $tei/@xml:id)[1])"/>
    <xsl:variable name="passage" as="element()?" select="ancestor::*[@ed:anchor][1]"/>
    <xsl:variable name="anchor" as="xs:string?" select="$passage/@xml:id ! string(.)"/>
    <xsl:variable name="doc-date" as="xs:string" select="string(($tei/tei:teiHeader/
      tei:profileDesc/tei:creation/tei:date/(@when, @from, @notBefore))[1])"/>
    <xsl:variable name="block" as="xs:string"
      select="($passage ! $passages(generate-id(.)), '')[1]"/>
    <li class="event" data-kind="{if (@type = 'later' or ($doc-date and
      ed:event-key(.) gt $doc-date)) then 'later' else 'earlier'}"
      data-text="{lower-case($block)}">
      <span class="event-date">{normalize-space(.)}</span>
      <span class="event-iso"> ({ed:date-value(.)})</span>
      <xsl:text> — </xsl:text>
      <a class="event-passage" href="reading/{$file}.html{$anchor ! ('#' || .)}"
        >{ed:title($tei)}</a>
      <xsl:for-each select="($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date
        ! normalize-space(.))[.][last()]">
        <span class="event-doc-date"> ({.})</span>
      </xsl:for-each>
    </li>
  </xsl:template>

</xsl:stylesheet>
