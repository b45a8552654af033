<?xml version="1.0" encoding="UTF-8"?>
<!--
  Trade notification (register / re-register / deregister) -> XGewerbeanzeige-style message 0500
  (rules/schemas/xgewerbeanzeige/xgewerbeanzeige.xsd). Input: the application envelope
  (urn:drehscheibe:application:1) with the trade form of db/seed/services.ts.
  A supplement is sent as the same record flagged istKorrektur = 1.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xga="urn:drehscheibe:xgewerbeanzeige:1"
    xmlns:f="urn:drehscheibe:rule-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs f">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <!-- Which record each trade service produces. -->
  <xsl:variable name="satzArt" as="map(xs:string, xs:string)" select="map {
      '99050012104000': 'anmeldung',
      '99050012104001': 'ummeldung',
      '99050012104002': 'abmeldung' }"/>

  <xsl:template match="/application">
    <xsl:variable name="art" select="$satzArt(string(service/leikaId))"/>
    <xsl:if test="empty($art)">
      <xsl:message terminate="yes" error-code="xga:unsupported-service">Service <xsl:value-of select="service/leikaId"/> has no XGewerbeanzeige record (only register, re-register, deregister).</xsl:message>
    </xsl:if>
    <xga:gewerbemeldung.0500 produkt="Drehscheibe" produkthersteller="Drehscheibe-Projekt" produktversion="1"
                             standard="XGewerbeanzeige-Drehscheibe" version="1.0">
      <xga:nachrichtenkopf>
        <xga:identifikation.nachricht>
          <xga:nachrichtenUUID><xsl:value-of select="messageUuid"/></xga:nachrichtenUUID>
          <xga:nachrichtentyp><code>0500</code></xga:nachrichtentyp>
          <xga:erstellungszeitpunkt><xsl:value-of select="createdAt"/></xga:erstellungszeitpunkt>
        </xga:identifikation.nachricht>
        <xga:leser>
          <xga:behoerdenkennung>
            <xga:praefix><code>OE</code></xga:praefix>
            <xga:kennung><code><xsl:value-of select="office/id"/></code></xga:kennung>
          </xga:behoerdenkennung>
          <xsl:for-each select="office/email[normalize-space()]">
            <xga:erreichbarkeit><xga:kanal><code>01</code></xga:kanal><xga:kennung><xsl:value-of select="."/></xga:kennung></xga:erreichbarkeit>
          </xsl:for-each>
          <xga:behoerdenname><xsl:value-of select="office/name"/></xga:behoerdenname>
        </xga:leser>
        <xga:autor>
          <xga:behoerdenkennung>
            <xga:praefix><code>DS</code></xga:praefix>
            <xga:kennung><code>drehscheibe</code></xga:kennung>
          </xga:behoerdenkennung>
          <xga:behoerdenname>Drehscheibe Sachsen</xga:behoerdenname>
        </xga:autor>
      </xga:nachrichtenkopf>
      <xga:satz>
        <xsl:element name="xga:{$art}">
          <xsl:apply-templates select="." mode="satz"/>
        </xsl:element>
      </xga:satz>
    </xga:gewerbemeldung.0500>
  </xsl:template>

  <xsl:template match="application" mode="satz">
    <xsl:variable name="form" select="formData"/>
    <xga:satzErstellung><xsl:value-of select="createdAt"/></xga:satzErstellung>
    <xsl:if test="@messageType = 'supplement'">
      <xga:istKorrektur><code>1</code></xga:istKorrektur>
    </xsl:if>
    <xga:antragsID><xsl:value-of select="id"/></xga:antragsID>
    <xga:leistungSchluessel><xsl:value-of select="service/leikaId"/></xga:leistungSchluessel>
    <xga:gemeindeSchluessel listURI="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs">
      <code><xsl:value-of select="municipality/ars"/></code>
    </xga:gemeindeSchluessel>
    <xga:gemeindeName><xsl:value-of select="municipality/name"/></xga:gemeindeName>
    <xga:gewerbe>
      <xga:betrieb>
        <xga:eingetragenerName>
          <xsl:value-of select="($form/businessName[normalize-space()], string-join(($form/operator/givenName, $form/operator/familyName), ' '))[1]"/>
        </xga:eingetragenerName>
        <xsl:for-each select="$form/legalForm[normalize-space()]"><xga:rechtsform><xsl:value-of select="."/></xga:rechtsform></xsl:for-each>
      </xga:betrieb>
      <xsl:for-each select="$form/employees[. castable as xs:nonNegativeInteger]">
        <xga:anzahlVollzeitBeschaeftigte><xsl:value-of select="xs:nonNegativeInteger(.)"/></xga:anzahlVollzeitBeschaeftigte>
      </xsl:for-each>
      <xga:anschrift>
        <xsl:call-template name="anschrift"><xsl:with-param name="address" select="$form/businessAddress"/></xsl:call-template>
      </xga:anschrift>
      <xga:beteiligtePerson>
        <xga:personFunktion><code>1</code><name>Inhaber/in</name></xga:personFunktion>
        <xga:familienname><xsl:value-of select="($form/operator/familyName[normalize-space()], applicant/name)[1]"/></xga:familienname>
        <xsl:for-each select="$form/operator/givenName"><xga:vorname><xsl:value-of select="."/></xga:vorname></xsl:for-each>
        <xsl:for-each select="$form/operator/birthDate[. castable as xs:date]"><xga:geburtsdatum><xsl:value-of select="."/></xga:geburtsdatum></xsl:for-each>
        <xsl:for-each select="$form/operator/nationality[normalize-space()]"><xga:staatsangehoerigkeit><xsl:value-of select="."/></xga:staatsangehoerigkeit></xsl:for-each>
        <xsl:for-each select="applicant/email[normalize-space()]">
          <xga:erreichbarkeit><xga:kanal><code>01</code></xga:kanal><xga:kennung><xsl:value-of select="."/></xga:kennung></xga:erreichbarkeit>
        </xsl:for-each>
      </xga:beteiligtePerson>
    </xga:gewerbe>
    <xsl:for-each select="$form/startDate[. castable as xs:date]"><xga:gueltigAb><xsl:value-of select="."/></xga:gueltigAb></xsl:for-each>
    <xga:datumMeldung><xsl:value-of select="f:local-date(submittedAt)"/></xga:datumMeldung>
    <xsl:for-each select="$form/activity[normalize-space()]">
      <xga:taetigkeitenGesamt>
        <xga:schwerpunkt><xga:taetigkeitSchwerpunkt><xsl:value-of select="normalize-space(.)"/></xga:taetigkeitSchwerpunkt></xga:schwerpunkt>
      </xga:taetigkeitenGesamt>
    </xsl:for-each>
    <xsl:for-each select="attachments/attachment">
      <xga:anlage>
        <xga:dateiname><xsl:value-of select="filename"/></xga:dateiname>
        <xga:mimeType><xsl:value-of select="mediaType"/></xga:mimeType>
        <xga:sha256><xsl:value-of select="lower-case(sha256)"/></xga:sha256>
        <xga:groesse><xsl:value-of select="size"/></xga:groesse>
      </xga:anlage>
    </xsl:for-each>
  </xsl:template>

  <!-- The calendar day in Germany (CET/CEST) of a UTC timestamp, as YYYY-MM-DD. -->
  <xsl:function name="f:local-date" as="xs:string">
    <xsl:param name="timestamp" as="xs:string"/>
    <xsl:variable name="utc" select="adjust-dateTime-to-timezone(xs:dateTime($timestamp), xs:dayTimeDuration('PT0H'))"/>
    <xsl:variable name="year" select="year-from-dateTime($utc)"/>
    <xsl:variable name="summer" select="$utc ge f:last-sunday($year, 3) and $utc lt f:last-sunday($year, 10)"/>
    <xsl:sequence select="format-dateTime(adjust-dateTime-to-timezone($utc, xs:dayTimeDuration(if ($summer) then 'PT2H' else 'PT1H')), '[Y0001]-[M01]-[D01]')"/>
  </xsl:function>

  <!-- 01:00 UTC on the last Sunday of a 31-day month: when German clocks change. -->
  <xsl:function name="f:last-sunday" as="xs:dateTime">
    <xsl:param name="year" as="xs:integer"/>
    <xsl:param name="month" as="xs:integer"/>
    <xsl:variable name="last" select="xs:date(format-integer($year, '0001') || '-' || format-integer($month, '01') || '-31')"/>
    <xsl:variable name="weekday" select="xs:integer(($last - xs:date('1901-01-06')) div xs:dayTimeDuration('P1D')) mod 7"/>
    <xsl:sequence select="xs:dateTime(($last - xs:dayTimeDuration('P' || $weekday || 'D')) || 'T01:00:00Z')"/>
  </xsl:function>

  <!-- "Königsbrücker Straße 12a" becomes strasse + hausNr; anything else stays in strasse. -->
  <xsl:template name="anschrift">
    <xsl:param name="address" as="element()?"/>
    <xsl:variable name="street" select="normalize-space($address/street)"/>
    <xsl:choose>
      <xsl:when test="matches($street, '^(.*\S)\s+(\d+\s*[A-Za-z]?(\s*[-/]\s*\d+\s*[A-Za-z]?)?)$')">
        <xga:strasse><xsl:value-of select="replace($street, '^(.*\S)\s+(\d.*)$', '$1')"/></xga:strasse>
        <xga:hausNr><xsl:value-of select="replace($street, '^(.*\S)\s+(\d.*)$', '$2')"/></xga:hausNr>
      </xsl:when>
      <xsl:when test="$street">
        <xga:strasse><xsl:value-of select="$street"/></xga:strasse>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="$address/city[normalize-space()]"><xga:ort><xsl:value-of select="."/></xga:ort></xsl:for-each>
    <xsl:for-each select="$address/postalCode[matches(., '^[0-9]{5}$')]"><xga:plz><xsl:value-of select="."/></xga:plz></xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
