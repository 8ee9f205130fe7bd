<?xml version="1.0" encoding="UTF-8"?>
<!--
  The dated events the documents mention: every <date> in the text of a document (not
  the header), with its normalised value, the words around it, and a link to its
  passage. Shown on the timeline below the documents, with a filter (a word, and the
  events later than their document or within its time: edition.js). Included by
  timeline.xsl; reads the edition tree ($edition, edition/sitedata.py).
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

  <xsl:template name="ed:mentioned-events" as="element()?">
    <xsl:variable name="dates" as="element(tei:date)*"
      select="$edition/*/tei:TEI/tei:text//tei:date[ed:event-key(.)][not(ancestor::tei:note
        [not(ed:is-inline-note(.))])]"/>
    <!-- the words of each passage that holds a date, found once per passage (a passage
         with many dates is not read again for each) -->
    <xsl:variable name="passages" as="map(xs:string, xs:string)" select="map:merge(
      $dates/ancestor::*[@ed:anchor][1] ! map:entry(generate-id(.), normalize-space(
        string-join(.//text()[not(ancestor::tei:note[not(ed:is-inline-note(.))])]))))"/>
    <xsl:if test="exists($dates)">
      <section class="events" aria-labelledby="events-head">
        <h2 id="events-head">Dates the documents mention</h2>
        <p class="intro">{count($dates)} dates named in the text of the documents, in the
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
          <xsl:for-each select="$dates">
            <xsl:sort select="ed:event-key(.)"/>
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
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
