<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any message of any service -> xdomea 3.0.0 Geschaeftsgang.Geschaeftsgang.0201 for the records system (DMS).
  Input: the application envelope (urn:drehscheibe:application:1).

  - Hauptobjekt: one Dokument for the message itself (application, supplement, notice or final
    record; the form data as application-specific fields), then one Dokument per file.
  - Anlage: the Vorgang of the application. Its ID is the envelope's caseUuid, the same for every
    message of one application, so the DMS files them into one case; a final record closes it (ZdA).
  - ExternerGeschaeftsgang: one step "zu den Akten" addressed to the responsible office.
  Document ids are derived from the file's SHA-256, so a retried delivery produces the same message.
  Dateiformat codes: 045 (txt) is taken from a real xdomea 3.0.0 message; the other codes are
  placeholders to be checked against the XRepository code list "dateiformat" before production use.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0"
    xmlns:f="urn:drehscheibe:rule-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs f">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <xsl:variable name="dateiformat" as="map(xs:string, xs:string)" select="map {
      'text/plain': '045', 'application/pdf': '018', 'application/xml': '030', 'text/xml': '030',
      'image/jpeg': '013', 'image/png': '024', 'image/tiff': '040', 'application/json': '999' }"/>

  <xsl:variable name="art" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'application': map { 'typ': 'Antrag', 'betreff': 'Antrag' },
      'supplement': map { 'typ': 'Nachreichung', 'betreff': 'Nachgereichte Unterlagen zum Antrag' },
      'notice': map { 'typ': 'Bescheid', 'betreff': 'Bescheid zum Antrag' },
      'record': map { 'typ': 'Abschlussvermerk', 'betreff': 'Abschluss des Verfahrens' } }"/>

  <xsl:template match="/application">
    <xsl:variable name="kind" select="$art(string(@messageType))"/>
    <xsl:variable name="leistung" select="(service/name[normalize-space()], 'Leistung ' || service/leikaId)[1]"/>
    <xdomea:Geschaeftsgang.Geschaeftsgang.0201>
      <xdomea:Kopf>
        <xdomea:ProzessID><xsl:value-of select="messageUuid"/></xdomea:ProzessID>
        <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0">
          <code>0201</code>
          <name>Geschaeftsgang.Geschaeftsgang</name>
        </xdomea:Nachrichtentyp>
        <xdomea:Erstellungszeitpunkt><xsl:value-of select="createdAt"/></xdomea:Erstellungszeitpunkt>
        <xdomea:Absender><xsl:call-template name="drehscheibe"/></xdomea:Absender>
        <xdomea:Empfaenger><xsl:call-template name="office"/></xdomea:Empfaenger>
        <xdomea:SendendesSystem>
          <xdomea:InstanzID>drehscheibe</xdomea:InstanzID>
          <xdomea:Produktname>Drehscheibe</xdomea:Produktname>
          <xdomea:Version>1</xdomea:Version>
        </xdomea:SendendesSystem>
        <xdomea:EmpfangsbestaetigungAnInitiator>false</xdomea:EmpfangsbestaetigungAnInitiator>
        <xdomea:EmpfangsbestaetigungAnVorgaenger>false</xdomea:EmpfangsbestaetigungAnVorgaenger>
      </xdomea:Kopf>
      <xdomea:Hauptobjekt>
        <xdomea:Dokument>
          <xdomea:Identifikation><xdomea:ID><xsl:value-of select="messageUuid"/></xdomea:ID></xdomea:Identifikation>
          <xdomea:AllgemeineMetadaten>
            <xdomea:Betreff><xsl:value-of select="$kind?betreff || ': ' || $leistung || ' (' || id || ')'"/></xdomea:Betreff>
            <xdomea:Kennzeichen><xsl:value-of select="id"/></xdomea:Kennzeichen>
            <xsl:variable name="remark" select="(notice/text, payload/finalStatus ! ('Endstatus: ' || .))[normalize-space()][1]"/>
            <xsl:if test="exists($remark)"><xdomea:Bemerkung><xsl:value-of select="$remark"/></xdomea:Bemerkung></xsl:if>
          </xdomea:AllgemeineMetadaten>
          <xsl:if test="@messageType = ('application', 'supplement')">
            <xdomea:Posteingangsdatum><xsl:value-of select="f:local-date(submittedAt)"/></xdomea:Posteingangsdatum>
          </xsl:if>
          <xsl:if test="@messageType = 'notice'">
            <xdomea:Postausgangsdatum><xsl:value-of select="f:local-date((notice/decidedAt, createdAt)[1])"/></xdomea:Postausgangsdatum>
          </xsl:if>
          <xdomea:Typ><xsl:value-of select="$kind?typ"/></xdomea:Typ>
          <xsl:if test="formData/*">
            <xdomea:AnwendungsspezifischeErweiterung>
              <xdomea:Kennung>urn:drehscheibe:application:1:formData</xdomea:Kennung>
              <xdomea:Name>Formulardaten</xdomea:Name>
              <xdomea:Beschreibung><xsl:value-of select="'Angaben des Antrags ' || id || ', Leistung ' || service/leikaId"/></xdomea:Beschreibung>
              <xsl:for-each select="formData//*[not(*)]">
                <xdomea:Feld>
                  <xdomea:Name><xsl:value-of select="string-join(ancestor-or-self::*[ancestor::formData] ! (@key, if (self::item) then string(count(preceding-sibling::item) + 1) else local-name())[1], '.')"/></xdomea:Name>
                  <xdomea:Wert><xsl:value-of select="."/></xdomea:Wert>
                </xdomea:Feld>
              </xsl:for-each>
            </xdomea:AnwendungsspezifischeErweiterung>
          </xsl:if>
        </xdomea:Dokument>
        <xsl:for-each select="attachments/attachment, documents/document">
          <xsl:variable name="uuid" select="f:uuid-from-sha256(sha256)"/>
          <xdomea:Dokument>
            <xdomea:Identifikation><xdomea:ID><xsl:value-of select="$uuid"/></xdomea:ID></xdomea:Identifikation>
            <xdomea:AllgemeineMetadaten>
              <xdomea:Betreff><xsl:value-of select="(title[normalize-space()], filename)[1]"/></xdomea:Betreff>
              <xdomea:Kennzeichen><xsl:value-of select="/application/id"/></xdomea:Kennzeichen>
            </xdomea:AllgemeineMetadaten>
            <xdomea:Typ><xsl:value-of select="if (self::attachment) then 'Anlage zum Antrag' else (title[normalize-space()], 'Dokument')[1]"/></xdomea:Typ>
            <xdomea:Version>
              <xdomea:Nummer>1</xdomea:Nummer>
              <xdomea:Format>
                <xdomea:Name listURI="urn:xoev-de:xdomea:codeliste:dateiformat" listVersionID="2.0">
                  <code><xsl:value-of select="($dateiformat(lower-case(mediaType)), '999')[1]"/></code>
                </xdomea:Name>
                <xdomea:SonstigerName><xsl:value-of select="mediaType"/></xdomea:SonstigerName>
                <xdomea:Version/>
                <xdomea:Primaerdokument>
                  <xdomea:Dateiname><xsl:value-of select="$uuid || '_' || replace(filename, '[^\p{L}\p{N}._-]', '_')"/></xdomea:Dateiname>
                  <xdomea:DateinameOriginal><xsl:value-of select="filename"/></xdomea:DateinameOriginal>
                </xdomea:Primaerdokument>
              </xdomea:Format>
            </xdomea:Version>
          </xdomea:Dokument>
        </xsl:for-each>
      </xdomea:Hauptobjekt>
      <xdomea:ExternerGeschaeftsgang>
        <xdomea:Identifikation><xdomea:ID><xsl:value-of select="messageUuid"/></xdomea:ID></xdomea:Identifikation>
        <xdomea:Beteiligungsschritt>
          <xdomea:Nummer>1</xdomea:Nummer>
          <xdomea:Status listURI="urn:xoev-de:xdomea:codeliste:beteiligungsstatus" listVersionID="1.1"><code>001</code></xdomea:Status>
          <xdomea:Verfuegung>
            <xdomea:Ersteller><xsl:call-template name="drehscheibe"/></xdomea:Ersteller>
            <xdomea:Adressat><xsl:call-template name="office"/></xdomea:Adressat>
            <xdomea:Erstellungsdatum><xsl:value-of select="f:local-date(createdAt)"/></xdomea:Erstellungsdatum>
            <xdomea:Verfuegung><xsl:value-of select="'Zu den Akten (Vorgang ' || id || ')'"/></xdomea:Verfuegung>
          </xdomea:Verfuegung>
        </xdomea:Beteiligungsschritt>
      </xdomea:ExternerGeschaeftsgang>
      <xdomea:Anlage>
        <xdomea:Vorgang>
          <xdomea:Identifikation><xdomea:ID><xsl:value-of select="caseUuid"/></xdomea:ID></xdomea:Identifikation>
          <xdomea:AllgemeineMetadaten>
            <xdomea:Betreff><xsl:value-of select="$leistung || ' – ' || applicant/name"/></xdomea:Betreff>
            <xdomea:Kennzeichen><xsl:value-of select="id"/></xdomea:Kennzeichen>
            <xdomea:Federfuehrung><xsl:value-of select="office/name"/></xdomea:Federfuehrung>
          </xdomea:AllgemeineMetadaten>
          <xsl:if test="@messageType = 'record'">
            <xdomea:ZdA>true</xdomea:ZdA>
            <xdomea:ZdADatum><xsl:value-of select="f:local-date(createdAt)"/></xdomea:ZdADatum>
          </xsl:if>
          <xdomea:Kontakt>
            <xdomea:Name><xdomea:Familienname><xdomea:Name><xsl:value-of select="applicant/name"/></xdomea:Name></xdomea:Familienname></xdomea:Name>
            <xsl:for-each select="applicant/email[normalize-space()]">
              <xdomea:Kommunikation>
                <xdomea:Kanal listURI="urn:de:xoev:codeliste:erreichbarkeit" listVersionID="3"><code>01</code></xdomea:Kanal>
                <xdomea:Kennung><xsl:value-of select="."/></xdomea:Kennung>
              </xdomea:Kommunikation>
            </xsl:for-each>
          </xdomea:Kontakt>
        </xdomea:Vorgang>
      </xdomea:Anlage>
    </xdomea:Geschaeftsgang.Geschaeftsgang.0201>
  </xsl:template>

  <xsl:template name="drehscheibe">
    <xdomea:Institution><xdomea:Name>Drehscheibe Sachsen</xdomea:Name><xdomea:Kurzbezeichnung>Drehscheibe</xdomea:Kurzbezeichnung></xdomea:Institution>
  </xsl:template>

  <xsl:template name="office">
    <xsl:variable name="root" select="/application"/>
    <xdomea:Behoerdenkennung>
      <xdomea:Behoerdenschluessel listURI="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"><code><xsl:value-of select="$root/municipality/ars"/></code></xdomea:Behoerdenschluessel>
    </xdomea:Behoerdenkennung>
    <xdomea:Institution><xdomea:Name><xsl:value-of select="$root/municipality/name"/></xdomea:Name></xdomea:Institution>
    <xdomea:Organisationseinheit><xdomea:Name><xsl:value-of select="$root/office/name"/></xdomea:Name></xdomea:Organisationseinheit>
  </xsl:template>

  <!-- A UUID-shaped id from a SHA-256 hex digest: stable for the same file. -->
  <xsl:function name="f:uuid-from-sha256" as="xs:string">
    <xsl:param name="sha256" as="xs:string"/>
    <xsl:variable name="h" select="lower-case($sha256)"/>
    <xsl:sequence select="string-join((substring($h, 1, 8), substring($h, 9, 4), '5' || substring($h, 14, 3), '8' || substring($h, 18, 3), substring($h, 21, 12)), '-')"/>
  </xsl:function>

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
</xsl:stylesheet>
