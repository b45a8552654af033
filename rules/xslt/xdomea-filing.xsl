<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any message of any service -> xdomea 3.0.0 filing from a specialised procedure (FVDaten, message group
  "Fachverfahrensdaten austauschen") for the records system (DMS). Input: the application envelope
  (urn:drehscheibe:application:1).

  - application, supplement, notice, record: FVDaten.SGOAblegen.0605 with one SchriftgutobjektZumAblegen, the
    case's Vorgang (ID = the envelope's caseUuid, the same for every message of one application, so the DMS
    files them into one case), with the message's documents inside it:
      application  Antrag (form data as application-specific fields) and one Dokument per attachment
      supplement   one Dokument "Nachreichung" per file handed in
      notice       Bescheid (PDF) and its structured form
      record       Abschlussvermerk and the case documents no earlier message filed (e.g. a Widerspruch)
  - closing: FVDaten.SGOZDAVerfuegen.0624, the Vorgang "zu den Akten".
  Files travel beside the message in a ZIP container (activities/delivery/xdomeaContainer.ts); each
  Primaerdokument/Dateiname names its entry there, and the SHA-256 of the file is carried as an
  application-specific field, since xdomea 3.0.0 has no element for a checksum.
  Document ids come from the envelope (unique per case); the Kennzeichen is the office's file reference, the
  portal's application id is the FremdesGeschaeftszeichen and the FachverfahrenObjektID.
  Dateiformat codes: 045 (txt) is taken from a real xdomea 3.0.0 message; the other codes are placeholders to
  be checked against the XRepository code list "dateiformat" before production use.
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

  <!-- German titles of the case documents, by the kind the hub stored them under. -->
  <xsl:variable name="titel" as="map(xs:string, xs:string)" select="map {
      'supplement': 'Nachreichung', 'notice': 'Bescheid', 'notice-structured': 'Bescheid (strukturierte Fassung)',
      'objection': 'Widerspruch', 'user-task': 'Bearbeitungsvermerk', 'confirmation': 'Eingangsbestätigung',
      'information': 'Mitteilung', 'review': 'Prüfvermerk' }"/>

  <xsl:variable name="vertraulichkeit" as="map(xs:string, xs:string)" select="map {
      'geheim': '001', 'nfd': '002', 'offen': '003', 'streng-geheim': '004', 'vertraulich': '005' }"/>

  <xsl:variable name="aussonderung" as="map(xs:string, xs:string)" select="map {
      'archivwuerdig': 'A', 'bewerten': 'B', 'vernichten': 'V' }"/>

  <xsl:variable name="root" select="/application"/>
  <xsl:variable name="leistung" select="($root/service/name[normalize-space()], 'Leistung ' || $root/service/leikaId)[1]"/>
  <xsl:variable name="aktenzeichen" select="($root/filing/fileReference[normalize-space()], $root/id)[1]"/>
  <!-- Documents filed by their own message (supplement, notice) are not filed again with the record. -->
  <xsl:variable name="filedEarlier" select="('supplement', 'notice', 'notice-structured')"/>

  <xsl:template match="/application[@messageType = 'closing']" priority="2">
    <xdomea:FVDaten.SGOZDAVerfuegen.0624>
      <xsl:call-template name="kopf">
        <xsl:with-param name="code" select="'0624'"/>
        <xsl:with-param name="name" select="'FVDaten.SGOZDAVerfuegen'"/>
      </xsl:call-template>
      <xdomea:SchriftgutobjektZumZDAVerfuegen>
        <xdomea:IDSGO><xsl:value-of select="caseUuid"/></xdomea:IDSGO>
      </xdomea:SchriftgutobjektZumZDAVerfuegen>
    </xdomea:FVDaten.SGOZDAVerfuegen.0624>
  </xsl:template>

  <xsl:template match="/application">
    <xdomea:FVDaten.SGOAblegen.0605>
      <xsl:call-template name="kopf">
        <xsl:with-param name="code" select="'0605'"/>
        <xsl:with-param name="name" select="'FVDaten.SGOAblegen'"/>
      </xsl:call-template>
      <xdomea:SchriftgutobjektZumAblegen>
        <xdomea:FachverfahrenObjektID><xsl:value-of select="id"/></xdomea:FachverfahrenObjektID>
        <xdomea:Schriftgutobjekt>
          <xsl:call-template name="vorgang"/>
        </xdomea:Schriftgutobjekt>
        <!-- The files travel in the ZIP container named after the process id. -->
        <xdomea:Ablageort><xsl:value-of select="messageUuid || '_FVDaten.SGOAblegen.0605.zip'"/></xdomea:Ablageort>
      </xdomea:SchriftgutobjektZumAblegen>
    </xdomea:FVDaten.SGOAblegen.0605>
  </xsl:template>

  <xsl:template name="kopf">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="name" as="xs:string"/>
    <xdomea:Kopf>
      <xdomea:ProzessID><xsl:value-of select="$root/messageUuid"/></xdomea:ProzessID>
      <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0">
        <code><xsl:value-of select="$code"/></code>
        <name><xsl:value-of select="$name"/></name>
      </xdomea:Nachrichtentyp>
      <xdomea:Erstellungszeitpunkt><xsl:value-of select="$root/createdAt"/></xdomea:Erstellungszeitpunkt>
      <xdomea:Absender><xsl:call-template name="drehscheibe"/></xdomea:Absender>
      <xdomea:Empfaenger><xsl:call-template name="office"/></xdomea:Empfaenger>
      <xdomea:SendendesSystem>
        <xdomea:InstanzID>drehscheibe</xdomea:InstanzID>
        <xdomea:Produktname>Drehscheibe</xdomea:Produktname>
        <xdomea:Version>1</xdomea:Version>
      </xdomea:SendendesSystem>
      <xdomea:Empfangsbestaetigung>false</xdomea:Empfangsbestaetigung>
      <xdomea:Importbestaetigung>1</xdomea:Importbestaetigung>
      <xdomea:Erstellerkennung>drehscheibe</xdomea:Erstellerkennung>
      <xdomea:Stapel>false</xdomea:Stapel>
    </xdomea:Kopf>
  </xsl:template>

  <xsl:template name="vorgang">
    <xsl:variable name="kind" select="string(@messageType)"/>
    <xdomea:Vorgang>
      <xdomea:Identifikation><xdomea:ID><xsl:value-of select="caseUuid"/></xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten>
        <xdomea:Betreff><xsl:value-of select="$leistung || ' – ' || f:person-name(applicant)"/></xdomea:Betreff>
        <xdomea:Kennzeichen><xsl:value-of select="$aktenzeichen"/></xdomea:Kennzeichen>
        <xdomea:Federfuehrung><xsl:value-of select="office/name"/></xdomea:Federfuehrung>
        <xsl:for-each select="filing/confidentiality[exists($vertraulichkeit(string(.)))]">
          <xdomea:Vertraulichkeitsstufe listURI="urn:xoev-de:xdomea:codeliste:vertraulichkeitsstufe" listVersionID="1.0"><code><xsl:value-of select="$vertraulichkeit(string(.))"/></code></xdomea:Vertraulichkeitsstufe>
        </xsl:for-each>
        <xsl:for-each select="filing/filePlanEntry[normalize-space()]">
          <xdomea:Aktenplaneinheit><xdomea:Kennzeichen><xsl:value-of select="."/></xdomea:Kennzeichen></xdomea:Aktenplaneinheit>
        </xsl:for-each>
      </xdomea:AllgemeineMetadaten>
      <xsl:for-each select="filing">
        <xdomea:ArchivspezifischeMetadaten>
          <xdomea:Aufbewahrungsdauer>
            <xsl:choose>
              <xsl:when test="retentionYears[normalize-space()]"><xdomea:AnzahlJahre><xsl:value-of select="retentionYears"/></xdomea:AnzahlJahre></xsl:when>
              <xsl:otherwise><xdomea:Unbefristet>1</xdomea:Unbefristet></xsl:otherwise>
            </xsl:choose>
          </xdomea:Aufbewahrungsdauer>
          <xdomea:Aussonderungsart>
            <xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0"><code><xsl:value-of select="($aussonderung(string(disposal)), 'B')[1]"/></code></xdomea:Aussonderungsart>
          </xdomea:Aussonderungsart>
        </xdomea:ArchivspezifischeMetadaten>
      </xsl:for-each>
      <xdomea:Aktenbetreff><xsl:value-of select="$leistung"/></xdomea:Aktenbetreff>
      <xdomea:Typ><xsl:value-of select="$leistung"/></xdomea:Typ>
      <xsl:if test="$kind = 'application'">
        <xsl:call-template name="vermerk">
          <xsl:with-param name="typ" select="'Antrag'"/>
          <xsl:with-param name="betreff" select="'Antrag: ' || $leistung"/>
        </xsl:call-template>
        <xsl:for-each select="attachments/attachment">
          <xsl:call-template name="datei">
            <xsl:with-param name="typ" select="'Anlage zum Antrag'"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="$kind = 'record'">
        <xsl:call-template name="vermerk">
          <xsl:with-param name="typ" select="'Abschlussvermerk'"/>
          <xsl:with-param name="betreff" select="'Abschluss des Verfahrens: ' || $leistung"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="documents/document[not($kind = 'record' and string(title) = $filedEarlier)]">
        <xsl:call-template name="datei">
          <xsl:with-param name="typ" select="($titel(string(title)), title[normalize-space()], 'Dokument')[1]"/>
        </xsl:call-template>
      </xsl:for-each>
      <xdomea:Kontakt>
        <xdomea:Name>
          <xsl:for-each select="applicant/familyName[normalize-space()]"><xdomea:Familienname><xdomea:Name><xsl:value-of select="."/></xdomea:Name></xdomea:Familienname></xsl:for-each>
          <xsl:for-each select="applicant/givenName[normalize-space()]"><xdomea:Vorname><xdomea:Name><xsl:value-of select="."/></xdomea:Name></xdomea:Vorname></xsl:for-each>
        </xdomea:Name>
        <xsl:for-each select="applicant/email[normalize-space()]">
          <xdomea:Kommunikation>
            <xdomea:Kanal listURI="urn:de:xoev:codeliste:erreichbarkeit" listVersionID="3"><code>01</code></xdomea:Kanal>
            <xdomea:Kennung><xsl:value-of select="."/></xdomea:Kennung>
          </xdomea:Kommunikation>
        </xsl:for-each>
      </xdomea:Kontakt>
    </xdomea:Vorgang>
  </xsl:template>

  <!-- A document without a file: the application's form data, the closing note. Its id: this message's. -->
  <xsl:template name="vermerk">
    <xsl:param name="typ" as="xs:string"/>
    <xsl:param name="betreff" as="xs:string"/>
    <xdomea:Dokument>
      <xdomea:Identifikation><xdomea:ID><xsl:value-of select="messageUuid"/></xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten>
        <xdomea:Betreff><xsl:value-of select="$betreff"/></xdomea:Betreff>
        <xdomea:Kennzeichen><xsl:value-of select="$aktenzeichen"/></xdomea:Kennzeichen>
        <xsl:for-each select="payload/finalStatus[normalize-space()]">
          <xdomea:Bemerkung><xsl:value-of select="'Endstatus: ' || ."/></xdomea:Bemerkung>
        </xsl:for-each>
      </xdomea:AllgemeineMetadaten>
      <xdomea:FremdesGeschaeftszeichen><xsl:value-of select="id"/></xdomea:FremdesGeschaeftszeichen>
      <xsl:if test="@messageType = 'application'">
        <xdomea:Posteingangsdatum><xsl:value-of select="f:local-date(submittedAt)"/></xdomea:Posteingangsdatum>
      </xsl:if>
      <xdomea:Typ><xsl:value-of select="$typ"/></xdomea:Typ>
      <xsl:if test="@messageType = 'application' and formData/*">
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
  </xsl:template>

  <!-- A document with its file (Primaerdokument) in the container. -->
  <xsl:template name="datei">
    <xsl:param name="typ" as="xs:string"/>
    <xsl:variable name="uuid" select="f:document-id(.)"/>
    <xdomea:Dokument>
      <xdomea:Identifikation><xdomea:ID><xsl:value-of select="$uuid"/></xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten>
        <xdomea:Betreff><xsl:value-of select="$typ || ': ' || filename"/></xdomea:Betreff>
        <xdomea:Kennzeichen><xsl:value-of select="$aktenzeichen"/></xdomea:Kennzeichen>
        <xsl:for-each select="$root[@messageType = 'supplement']/payload/request[normalize-space()]">
          <xdomea:Bemerkung><xsl:value-of select="'Nachgereicht auf die Nachforderung: ' || ."/></xdomea:Bemerkung>
        </xsl:for-each>
      </xdomea:AllgemeineMetadaten>
      <xdomea:FremdesGeschaeftszeichen><xsl:value-of select="$root/id"/></xdomea:FremdesGeschaeftszeichen>
      <xsl:if test="$root/@messageType = ('application', 'supplement')">
        <xdomea:Posteingangsdatum><xsl:value-of select="f:local-date(($root/payload/receivedAt, $root/createdAt)[1])"/></xdomea:Posteingangsdatum>
      </xsl:if>
      <xsl:if test="$root/@messageType = 'notice' and string(title) = 'notice'">
        <xdomea:Postausgangsdatum><xsl:value-of select="f:local-date(($root/notice/decidedAt, $root/createdAt)[1])"/></xdomea:Postausgangsdatum>
      </xsl:if>
      <xdomea:Typ><xsl:value-of select="$typ"/></xdomea:Typ>
      <xdomea:Version>
        <xdomea:Nummer>1</xdomea:Nummer>
        <xdomea:Format>
          <xdomea:Name listURI="urn:xoev-de:xdomea:codeliste:dateiformat" listVersionID="2.0">
            <code><xsl:value-of select="($dateiformat(lower-case(mediaType)), '999')[1]"/></code>
          </xdomea:Name>
          <xdomea:SonstigerName><xsl:value-of select="mediaType"/></xdomea:SonstigerName>
          <xdomea:Version/>
          <xdomea:Primaerdokument>
            <xdomea:Dateiname><xsl:value-of select="f:dateiname(.)"/></xdomea:Dateiname>
            <xdomea:DateinameOriginal><xsl:value-of select="filename"/></xdomea:DateinameOriginal>
          </xdomea:Primaerdokument>
        </xdomea:Format>
      </xdomea:Version>
      <xdomea:AnwendungsspezifischeErweiterung>
        <xdomea:Kennung>urn:drehscheibe:xdomea:pruefsumme</xdomea:Kennung>
        <xdomea:Name>Prüfsumme</xdomea:Name>
        <xdomea:Feld>
          <xdomea:Name>SHA-256</xdomea:Name>
          <xdomea:Wert><xsl:value-of select="lower-case(sha256)"/></xdomea:Wert>
        </xdomea:Feld>
        <xdomea:Feld>
          <xdomea:Name>Größe</xdomea:Name>
          <xdomea:Wert><xsl:value-of select="size"/></xdomea:Wert>
        </xdomea:Feld>
      </xdomea:AnwendungsspezifischeErweiterung>
    </xdomea:Dokument>
  </xsl:template>

  <xsl:template name="drehscheibe">
    <xdomea:Institution><xdomea:Name>Drehscheibe Sachsen</xdomea:Name><xdomea:Kurzbezeichnung>Drehscheibe</xdomea:Kurzbezeichnung></xdomea:Institution>
  </xsl:template>

  <xsl:template name="office">
    <xdomea:Behoerdenkennung>
      <xdomea:Behoerdenschluessel listURI="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"><code><xsl:value-of select="$root/municipality/ars"/></code></xdomea:Behoerdenschluessel>
    </xdomea:Behoerdenkennung>
    <xdomea:Institution><xdomea:Name><xsl:value-of select="$root/municipality/name"/></xdomea:Name></xdomea:Institution>
    <xdomea:Organisationseinheit><xdomea:Name><xsl:value-of select="$root/office/name"/></xdomea:Name></xdomea:Organisationseinheit>
  </xsl:template>

  <!-- The container entry of a file: "<document UUID>_<file name>", as xdomea names primary documents. Any name
       the API takes (up to 255 characters of any script, dots included) must give a flat, safe entry name of at
       most 255 characters: other characters become "_", runs of dots one dot, and a long name keeps its first
       200 characters and its extension. The original name travels in DateinameOriginal. -->
  <xsl:function name="f:dateiname" as="xs:string">
    <xsl:param name="file" as="element()"/>
    <xsl:variable name="clean" select="replace(replace($file/filename, '[^\p{L}\p{N}._-]', '_'), '\.\.+', '.')"/>
    <xsl:variable name="short" select="if (string-length($clean) le 200) then $clean
      else substring($clean, 1, 200)
        || (if (matches($clean, '\.[\p{L}\p{N}]{1,8}$')) then replace($clean, '^.*(\.[\p{L}\p{N}]{1,8})$', '$1') else '')"/>
    <xsl:sequence select="f:document-id($file) || '_' || $short"/>
  </xsl:function>

  <!-- The envelope's per-case document id; an envelope without one (older callers) gets one from the hash. -->
  <xsl:function name="f:document-id" as="xs:string">
    <xsl:param name="file" as="element()"/>
    <xsl:variable name="h" select="lower-case($file/sha256)"/>
    <xsl:sequence select="($file/documentId[normalize-space()] ! string(), string-join((substring($h, 1, 8), substring($h, 9, 4), '5' || substring($h, 14, 3), '8' || substring($h, 18, 3), substring($h, 21, 12)), '-'))[1]"/>
  </xsl:function>

  <!-- "Given Family" from the split name, else the full name. -->
  <xsl:function name="f:person-name" as="xs:string">
    <xsl:param name="applicant" as="element()"/>
    <xsl:sequence select="if ($applicant/familyName[normalize-space()]) then normalize-space(string-join(($applicant/givenName, $applicant/familyName), ' ')) else string($applicant/name)"/>
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
