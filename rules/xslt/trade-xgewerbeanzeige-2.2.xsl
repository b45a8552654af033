<?xml version="1.0" encoding="UTF-8"?>
<!--
  Trade notification -> official XGewerbeanzeige 2.2 message for one receiver named in §14 GewO:
  sta.gewerbemeldung.0100 (statistics office), alg.gewerbemeldung.0300 (chambers, tax office),
  abh.gewerbemeldung.0500 (foreigners' authority). Element order, identifiers, dates and code-list attributes
  follow KoSIT's sample messages (rules/xgewerbeanzeige/samples/); checked by rules/xgewerbeanzeige/officialCheck.ts.
  Input: the application envelope; payload/xga carries message type, reader, author, AGS and record ids
  (activities/tradeForwarding.ts). The statistics office gets no birth data, addresses, contacts or residence title.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xga="http://www.xgewerbeanzeige.de/spezifikation/2.2"
    xmlns:f="urn:drehscheibe:rule-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs f">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <xsl:variable name="satzArt" as="map(xs:string, xs:string)" select="map {
      '99050012104000': 'anmeldung',
      '99050012104001': 'ummeldung',
      '99050012104002': 'abmeldung' }"/>
  <xsl:variable name="roots" as="map(xs:string, xs:string)" select="map {
      '0100': 'sta.gewerbemeldung.0100',
      '0300': 'alg.gewerbemeldung.0300',
      '0500': 'abh.gewerbemeldung.0500' }"/>

  <xsl:template match="/application">
    <xsl:variable name="xga" select="payload/xga"/>
    <xsl:variable name="type" select="string(($xga/messageType, '0300')[1])"/>
    <xsl:variable name="art" select="$satzArt(string(service/leikaId))"/>
    <xsl:if test="empty($art) or empty($roots($type))">
      <xsl:message terminate="yes" error-code="xga:unsupported">Service <xsl:value-of select="service/leikaId"/> / message type <xsl:value-of select="$type"/> has no XGewerbeanzeige 2.2 message (only register, re-register, deregister as 0100, 0300, 0500).</xsl:message>
    </xsl:if>
    <xsl:element name="xga:{$roots($type)}">
      <xsl:attribute name="produkt">Drehscheibe</xsl:attribute>
      <xsl:attribute name="produkthersteller">Drehscheibe-Projekt</xsl:attribute>
      <xsl:attribute name="produktversion">1</xsl:attribute>
      <xsl:attribute name="standard">XGewerbeanzeige</xsl:attribute>
      <xsl:attribute name="version">2.2</xsl:attribute>
      <xga:nachrichtenkopf>
        <xga:identifikation.nachricht>
          <xga:nachrichtenUUID><xsl:value-of select="messageUuid"/></xga:nachrichtenUUID>
          <xga:nachrichtentyp><code><xsl:value-of select="$type"/></code></xga:nachrichtentyp>
          <xga:erstellungszeitpunkt><xsl:value-of select="f:local-dateTime(createdAt)"/></xga:erstellungszeitpunkt>
        </xga:identifikation.nachricht>
        <xga:leser>
          <xsl:call-template name="behoerdenkennung"><xsl:with-param name="id" select="$xga/reader"/></xsl:call-template>
          <xsl:for-each select="$xga/reader/email[normalize-space()]"><xsl:call-template name="erreichbarkeit"><xsl:with-param name="kanal" select="'01'"/></xsl:call-template></xsl:for-each>
          <xsl:for-each select="$xga/reader/url[normalize-space()]"><xsl:call-template name="erreichbarkeit"><xsl:with-param name="kanal" select="'09'"/></xsl:call-template></xsl:for-each>
          <xga:behoerdenname><xsl:value-of select="$xga/reader/name"/></xga:behoerdenname>
        </xga:leser>
        <xsl:call-template name="autor"><xsl:with-param name="author" select="$xga/author"/></xsl:call-template>
      </xga:nachrichtenkopf>
      <xga:satz>
        <xsl:element name="xga:{$art}">
          <xsl:apply-templates select="." mode="satz">
            <xsl:with-param name="xga" select="$xga"/>
            <xsl:with-param name="type" select="$type"/>
            <xsl:with-param name="art" select="$art"/>
          </xsl:apply-templates>
        </xsl:element>
      </xga:satz>
    </xsl:element>
  </xsl:template>

  <xsl:template match="application" mode="satz">
    <xsl:param name="xga" as="element()?"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="art" as="xs:string"/>
    <xsl:variable name="form" select="formData"/>
    <xsl:variable name="full" select="$type ne '0100'"/>
    <xga:satzErstellung><xsl:value-of select="f:local-dateTime(createdAt)"/></xga:satzErstellung>
    <xga:ereigniszeitpunkt><xsl:value-of select="f:local-dateTime(submittedAt)"/></xga:ereigniszeitpunkt>
    <xsl:call-template name="autor"><xsl:with-param name="author" select="$xga/author"/></xsl:call-template>
    <xga:istKorrektur><code><xsl:value-of select="if (@messageType = 'supplement') then '1' else '0'"/></code></xga:istKorrektur>
    <xga:gemeindeSchluessel listVersionID="2019-05-31"><code><xsl:value-of select="$xga/ags"/></code></xga:gemeindeSchluessel>
    <xga:gemeindeMeldungNr><xsl:value-of select="id"/></xga:gemeindeMeldungNr>
    <xga:gewerbebetriebID><xsl:value-of select="$xga/businessId"/></xga:gewerbebetriebID>
    <xga:uuid><xsl:value-of select="$xga/recordUuid"/></xga:uuid>
    <xga:gewerbe>
      <xga:betrieb>
        <xga:ID>1</xga:ID>
        <xsl:variable name="name" select="normalize-space(($form/businessName[normalize-space()], string-join(($form/operator/givenName, $form/operator/familyName), ' '))[1])"/>
        <xsl:choose>
          <xsl:when test="$form/commercialRegister">
            <xsl:variable name="register" select="$form/commercialRegister"/>
            <xga:eingetragenerName><xsl:value-of select="$name"/></xga:eingetragenerName>
            <xga:eintragungNr><xsl:value-of select="$register/number"/></xga:eintragungNr>
            <xsl:for-each select="$register/city[normalize-space()]"><xga:eintragungOrt><xsl:value-of select="."/></xga:eintragungOrt></xsl:for-each>
            <xsl:for-each select="$register/postalCode[normalize-space()]"><xga:eintragungPLZ><xsl:value-of select="."/></xga:eintragungPLZ></xsl:for-each>
            <xga:eintragungArt><code><xsl:value-of select="$register/kind"/></code></xga:eintragungArt>
            <xga:gerichtSchluessel listVersionID="5"><code><xsl:value-of select="$register/court"/></code></xga:gerichtSchluessel>
          </xsl:when>
          <xsl:otherwise>
            <xga:geschaeftsbezeichnung><xsl:value-of select="$name"/></xga:geschaeftsbezeichnung>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="$xga/legalFormCode[normalize-space()]"><xga:rechtsformSchluessel><code><xsl:value-of select="."/></code></xga:rechtsformSchluessel></xsl:for-each>
      </xga:betrieb>
      <xga:anzahlVollzeitBeschaeftigte><xsl:value-of select="($form/employees[. castable as xs:nonNegativeInteger], 0)[1]"/></xga:anzahlVollzeitBeschaeftigte>
      <xga:anzahlTeilzeitBeschaeftigte><xsl:value-of select="($form/employeesPartTime[. castable as xs:nonNegativeInteger], 0)[1]"/></xga:anzahlTeilzeitBeschaeftigte>
      <xsl:for-each select="$form/businessKind">
        <xga:betriebArt>
          <xga:industrie><code><xsl:value-of select="f:janein(industry)"/></code></xga:industrie>
          <xga:handwerk><code><xsl:value-of select="f:janein(craft)"/></code></xga:handwerk>
          <xga:handel><code><xsl:value-of select="f:janein(trade)"/></code></xga:handel>
          <xga:sonstiges><code><xsl:value-of select="f:janein(other)"/></code></xga:sonstiges>
        </xga:betriebArt>
      </xsl:for-each>
      <xga:niederlassungArt><code><xsl:value-of select="($form/establishment[normalize-space()], '1')[1]"/></code></xga:niederlassungArt>
      <xga:istReisegewerbe><code><xsl:value-of select="f:janein($form/itinerant)"/></code></xga:istReisegewerbe>
      <xga:istNebenerwerb><code><xsl:value-of select="f:janein($form/sideline)"/></code></xga:istNebenerwerb>
      <xsl:for-each select="$form/craftCard">
        <xga:handwerkskarte>
          <xga:status><code><xsl:value-of select="status"/></code></xga:status>
          <xsl:if test="$full">
            <xsl:for-each select="issuedAt[. castable as xs:date]"><xga:ausgestelltAm><xsl:value-of select="."/></xga:ausgestelltAm></xsl:for-each>
            <xsl:for-each select="issuerPostalCode[normalize-space()]"><xga:ausgestelltVonPLZ><xsl:value-of select="."/></xga:ausgestelltVonPLZ></xsl:for-each>
            <xsl:for-each select="issuerCity[normalize-space()]"><xga:ausgestelltVonOrt><xsl:value-of select="."/></xga:ausgestelltVonOrt></xsl:for-each>
            <xsl:for-each select="issuerCode[normalize-space()]"><xga:ausgestelltVonSchluessel><code><xsl:value-of select="."/></code></xga:ausgestelltVonSchluessel></xsl:for-each>
          </xsl:if>
        </xga:handwerkskarte>
      </xsl:for-each>
      <xga:anschrift>
        <xsl:call-template name="anschrift"><xsl:with-param name="address" select="$form/businessAddress"/></xsl:call-template>
      </xga:anschrift>
      <xsl:for-each select="$form/operator">
        <xga:beteiligtePerson>
          <xga:personFunktion><code>1</code></xga:personFunktion>
          <xsl:for-each select="doctoralDegree[normalize-space()]"><xga:doktorgrad><xsl:value-of select="."/></xga:doktorgrad></xsl:for-each>
          <xga:familienname><xsl:value-of select="familyName"/></xga:familienname>
          <xsl:for-each select="givenName[normalize-space()]"><xga:vorname><xsl:value-of select="."/></xga:vorname></xsl:for-each>
          <xsl:for-each select="sex[normalize-space()]"><xga:geschlecht listVersionID="3"><code><xsl:value-of select="."/></code></xga:geschlecht></xsl:for-each>
          <xsl:if test="$full">
            <xsl:for-each select="birthName[normalize-space()]"><xga:geburtsname><xsl:value-of select="."/></xga:geburtsname></xsl:for-each>
            <!-- The samples write the birth date as DDMMYYYY. -->
            <xsl:for-each select="birthDate[. castable as xs:date]"><xga:geburtsdatum><xsl:value-of select="format-date(xs:date(.), '[D01][M01][Y0001]')"/></xga:geburtsdatum></xsl:for-each>
            <xsl:for-each select="birthPlace[normalize-space()]"><xga:geburtsort><xsl:value-of select="."/></xga:geburtsort></xsl:for-each>
            <xsl:for-each select="birthCountry[normalize-space()]"><xga:geburtsland><xsl:value-of select="."/></xga:geburtsland></xsl:for-each>
          </xsl:if>
          <xsl:if test="nationalityCodes/item[normalize-space()]">
            <xga:staatangehoerigkeiten>
              <xsl:for-each select="nationalityCodes/item[normalize-space()]">
                <xga:staatsangehoerigkeitSchluessel listVersionID="2019-04-01"><code><xsl:value-of select="."/></code></xga:staatsangehoerigkeitSchluessel>
              </xsl:for-each>
            </xga:staatangehoerigkeiten>
          </xsl:if>
          <xsl:if test="$full">
            <xsl:for-each select="address">
              <xga:anschrift><xsl:call-template name="anschrift"><xsl:with-param name="address" select="."/></xsl:call-template></xga:anschrift>
            </xsl:for-each>
            <xsl:for-each select="phone[normalize-space()]"><xsl:call-template name="erreichbarkeit"><xsl:with-param name="kanal" select="'02'"/></xsl:call-template></xsl:for-each>
            <xsl:for-each select="residencePermit">
              <xga:aufenthaltstitel>
                <xga:status><code><xsl:value-of select="status"/></code></xga:status>
                <xsl:for-each select="issuedAt[. castable as xs:date]"><xga:ausgestelltAm><xsl:value-of select="."/></xga:ausgestelltAm></xsl:for-each>
                <xsl:for-each select="issuerName[normalize-space()]"><xga:ausgestelltVonName><xsl:value-of select="."/></xga:ausgestelltVonName></xsl:for-each>
                <xsl:for-each select="issuerPostalCode[normalize-space()]"><xga:ausgestelltVonPLZ><xsl:value-of select="."/></xga:ausgestelltVonPLZ></xsl:for-each>
                <xsl:for-each select="issuerCity[normalize-space()]"><xga:ausgestelltVonOrt><xsl:value-of select="."/></xga:ausgestelltVonOrt></xsl:for-each>
              </xga:aufenthaltstitel>
            </xsl:for-each>
          </xsl:if>
        </xga:beteiligtePerson>
      </xsl:for-each>
    </xga:gewerbe>
    <xsl:for-each select="$form/startDate[. castable as xs:date]"><xga:gueltigAb><xsl:value-of select="."/></xga:gueltigAb></xsl:for-each>
    <xga:datumMeldung><xsl:value-of select="substring(f:local-dateTime(submittedAt), 1, 10)"/></xga:datumMeldung>
    <xga:taetigkeitenGesamt>
      <xga:schwerpunkt>
        <xga:taetigkeitSchwerpunkt><xsl:value-of select="normalize-space($form/activity)"/></xga:taetigkeitSchwerpunkt>
        <xsl:for-each select="$form/activityCode[normalize-space()]"><xga:taetigkeitSchluessel><xsl:value-of select="."/></xga:taetigkeitSchluessel></xsl:for-each>
        <xsl:for-each select="$form/activityKeyword[normalize-space()]"><xga:stichwort><xsl:value-of select="."/></xga:stichwort></xsl:for-each>
      </xga:schwerpunkt>
      <xsl:if test="$form/furtherActivities/item[normalize-space()]">
        <xga:weitereTaetigkeiten>
          <xga:taetigkeitenZusammengefasst><xsl:value-of select="string-join($form/furtherActivities/item[normalize-space()] ! normalize-space(.), '|')"/></xga:taetigkeitenZusammengefasst>
        </xga:weitereTaetigkeiten>
      </xsl:if>
    </xga:taetigkeitenGesamt>
    <xsl:if test="$art = 'anmeldung'">
      <xsl:for-each select="$form/registrationReason[normalize-space()]"><xga:grundAnmeldungSchluessel><code><xsl:value-of select="."/></code></xga:grundAnmeldungSchluessel></xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="behoerdenkennung">
    <xsl:param name="id" as="element()?"/>
    <xga:behoerdenkennung>
      <xga:praefix listVersionID="7"><code><xsl:value-of select="$id/prefix"/></code></xga:praefix>
      <xga:kennung>
        <xsl:for-each select="$id/listUri[normalize-space()]"><xsl:attribute name="listURI" select="."/></xsl:for-each>
        <xsl:for-each select="$id/listVersion[normalize-space()]"><xsl:attribute name="listVersionID" select="."/></xsl:for-each>
        <code><xsl:value-of select="$id/id"/></code>
      </xga:kennung>
    </xga:behoerdenkennung>
  </xsl:template>

  <xsl:template name="autor">
    <xsl:param name="author" as="element()?"/>
    <xga:autor>
      <xsl:call-template name="behoerdenkennung"><xsl:with-param name="id" select="$author"/></xsl:call-template>
      <xsl:for-each select="$author/email[normalize-space()]"><xsl:call-template name="erreichbarkeit"><xsl:with-param name="kanal" select="'01'"/></xsl:call-template></xsl:for-each>
      <xsl:for-each select="$author/phone[normalize-space()]"><xsl:call-template name="erreichbarkeit"><xsl:with-param name="kanal" select="'02'"/></xsl:call-template></xsl:for-each>
      <xsl:if test="$author/street[normalize-space()]">
        <xga:anschrift>
          <xga:strasse><xsl:value-of select="$author/street"/></xga:strasse>
          <xsl:for-each select="$author/houseNumber[normalize-space()]"><xga:hausNr><xsl:value-of select="."/></xga:hausNr></xsl:for-each>
          <xsl:for-each select="$author/city[normalize-space()]"><xga:ort><xsl:value-of select="."/></xga:ort></xsl:for-each>
          <xsl:for-each select="$author/postalCode[normalize-space()]"><xga:plz><xsl:value-of select="."/></xga:plz></xsl:for-each>
        </xga:anschrift>
      </xsl:if>
      <xga:behoerdenname><xsl:value-of select="$author/name"/></xga:behoerdenname>
    </xga:autor>
  </xsl:template>

  <!-- Context item: the contact (e-mail 01, telephone 02, web 09 as in the samples). -->
  <xsl:template name="erreichbarkeit">
    <xsl:param name="kanal" as="xs:string"/>
    <xga:erreichbarkeit><xga:kanal><code><xsl:value-of select="$kanal"/></code></xga:kanal><xga:kennung><xsl:value-of select="."/></xga:kennung></xga:erreichbarkeit>
  </xsl:template>

  <xsl:function name="f:janein" as="xs:string">
    <xsl:param name="flag" as="item()?"/>
    <xsl:sequence select="if (string($flag) = 'true') then '1' else '0'"/>
  </xsl:function>

  <!-- A UTC timestamp as German local time with its offset, as the samples write it (2019-10-24T00:00:00+02:00). -->
  <xsl:function name="f:local-dateTime" as="xs:string">
    <xsl:param name="timestamp" as="xs:string"/>
    <xsl:variable name="utc" select="adjust-dateTime-to-timezone(xs:dateTime($timestamp), xs:dayTimeDuration('PT0H'))"/>
    <xsl:variable name="year" select="year-from-dateTime($utc)"/>
    <xsl:variable name="summer" select="$utc ge f:last-sunday($year, 3) and $utc lt f:last-sunday($year, 10)"/>
    <xsl:sequence select="format-dateTime(adjust-dateTime-to-timezone($utc, xs:dayTimeDuration(if ($summer) then 'PT2H' else 'PT1H')), '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01][Z01:01]')"/>
  </xsl:function>

  <!-- 01:00 UTC on the last Sunday of a 31-day month: when German clocks change. -->
  <xsl:function name="f:last-sunday" as="xs:dateTime">
    <xsl:param name="year" as="xs:integer"/>
    <xsl:param name="month" as="xs:integer"/>
    <xsl:variable name="last" select="xs:date(format-integer($year, '0001') || '-' || format-integer($month, '01') || '-31')"/>
    <xsl:variable name="weekday" select="xs:integer(($last - xs:date('1901-01-06')) div xs:dayTimeDuration('P1D')) mod 7"/>
    <xsl:sequence select="xs:dateTime(($last - xs:dayTimeDuration('P' || $weekday || 'D')) || 'T01:00:00Z')"/>
  </xsl:function>

  <!-- "Königsbrücker Straße 12a" becomes strasse + hausNrVon; nationSchluessel 276 (ISO 3166 numeric, as in the samples) for German postal codes. -->
  <xsl:template name="anschrift">
    <xsl:param name="address" as="element()?"/>
    <xsl:variable name="street" select="normalize-space($address/street)"/>
    <xsl:choose>
      <xsl:when test="matches($street, '^(.*\S)\s+(\d+\s*[A-Za-z]?(\s*[-/]\s*\d+\s*[A-Za-z]?)?)$')">
        <xga:strasse><xsl:value-of select="replace($street, '^(.*\S)\s+(\d.*)$', '$1')"/></xga:strasse>
        <xga:hausNrVon><xsl:value-of select="replace($street, '^(.*\S)\s+(\d.*)$', '$2')"/></xga:hausNrVon>
      </xsl:when>
      <xsl:when test="$street">
        <xga:strasse><xsl:value-of select="$street"/></xga:strasse>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="$address/city[normalize-space()]"><xga:ort><xsl:value-of select="."/></xga:ort></xsl:for-each>
    <xsl:for-each select="$address/postalCode[matches(., '^[0-9]{5}$')]"><xga:plz><xsl:value-of select="."/></xga:plz></xsl:for-each>
    <xsl:if test="$address/postalCode[matches(., '^[0-9]{5}$')]"><xga:nationSchluessel listVersionID="2"><code>276</code></xga:nationSchluessel></xsl:if>
  </xsl:template>
</xsl:stylesheet>
