<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any message of any service -> plain German text for the office mailbox (implementation level 1).
  The PDF and the attachments travel with the mail; this text is its body. Input: the application
  envelope. Known form fields get German labels; unknown ones are shown under their own name.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:drehscheibe:rule-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs f"
    expand-text="yes">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="nl" select="'&#10;'"/>

  <xsl:variable name="labels" as="map(xs:string, xs:string)" select="map {
      'businessName': 'Name des Betriebs', 'activity': 'Tätigkeit', 'startDate': 'Beginn', 'legalForm': 'Rechtsform',
      'employees': 'Beschäftigte', 'operator': 'Inhaber/in', 'businessAddress': 'Betriebsanschrift',
      'familyName': 'Familienname', 'givenName': 'Vorname', 'birthDate': 'Geburtsdatum', 'nationality': 'Staatsangehörigkeit',
      'street': 'Straße und Hausnummer', 'postalCode': 'Postleitzahl', 'city': 'Ort',
      'location': 'Ort der Maßnahme', 'from': 'Von', 'to': 'Bis', 'purpose': 'Zweck', 'lengthMetres': 'Länge in Metern',
      'person': 'Person', 'eventDate': 'Datum des Ereignisses', 'eventPlace': 'Ort des Ereignisses', 'copies': 'Anzahl der Urkunden' }"/>

  <xsl:variable name="heading" as="map(xs:string, xs:string)" select="map {
      'application': 'Neuer Antrag', 'supplement': 'Nachgereichte Angaben zum Antrag',
      'notice': 'Bescheid zum Antrag', 'record': 'Abschluss des Verfahrens' }"/>

  <xsl:template match="/application">
    <xsl:variable name="title" select="($heading(string(@messageType)), 'Nachricht')[1] || ' ' || id"/>
    <xsl:text>{$title}{$nl}{replace($title, '.', '=')}{$nl}{$nl}</xsl:text>
    <xsl:text>Leistung:        {(service/name[normalize-space()], 'LeiKa ' || service/leikaId)[1]} (LeiKa {service/leikaId}){$nl}</xsl:text>
    <xsl:text>Antragsnummer:   {id}{$nl}</xsl:text>
    <xsl:text>Eingegangen am:  {f:german-timestamp(submittedAt)}{$nl}</xsl:text>
    <xsl:text>Kommune:         {municipality/name} (ARS {municipality/ars}){$nl}</xsl:text>
    <xsl:text>Zuständig:       {office/name}{$nl}{$nl}</xsl:text>
    <xsl:text>Antragsteller/in{$nl}</xsl:text>
    <xsl:text>  Name:          {applicant/name}{$nl}</xsl:text>
    <xsl:text>  E-Mail:        {applicant/email}{$nl}</xsl:text>
    <xsl:if test="normalize-space(applicant/postalAddress)">
      <xsl:text>  Anschrift:     {applicant/postalAddress}{$nl}</xsl:text>
    </xsl:if>
    <xsl:if test="notice">
      <xsl:text>{$nl}Entscheidung: {f:decision(notice/decision)}{$nl}{notice/text}{$nl}</xsl:text>
    </xsl:if>
    <xsl:if test="formData/*">
      <xsl:text>{$nl}Angaben im Formular{$nl}</xsl:text>
      <xsl:apply-templates select="formData/*" mode="field"><xsl:with-param name="indent" select="'  '"/></xsl:apply-templates>
    </xsl:if>
    <xsl:variable name="files" select="attachments/attachment, documents/document"/>
    <xsl:if test="$files">
      <xsl:text>{$nl}Beigefügte Dateien{$nl}</xsl:text>
      <xsl:for-each select="$files">
        <xsl:text>  - {(title[normalize-space()] ! (. || ': '), '')[1]}{filename} ({mediaType}, {f:size(size)}){$nl}</xsl:text>
      </xsl:for-each>
    </xsl:if>
    <xsl:text>{$nl}Diese Nachricht wurde von der Drehscheibe automatisch erstellt. Die Angaben liegen zusätzlich als PDF bei.{$nl}</xsl:text>
  </xsl:template>

  <xsl:template match="*[*]" mode="field">
    <xsl:param name="indent" as="xs:string"/>
    <xsl:text>{$indent}{f:label(.)}:{$nl}</xsl:text>
    <xsl:apply-templates select="*" mode="field"><xsl:with-param name="indent" select="$indent || '  '"/></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="*" mode="field">
    <xsl:param name="indent" as="xs:string"/>
    <xsl:text>{$indent}{f:label(.)}: {f:value(string(.))}{$nl}</xsl:text>
  </xsl:template>

  <xsl:function name="f:label" as="xs:string">
    <xsl:param name="field" as="element()"/>
    <xsl:variable name="name" select="($field/@key, local-name($field))[1]"/>
    <xsl:sequence select="if ($field/self::item) then string(count($field/preceding-sibling::item) + 1) || '.' else ($labels($name), $name)[1]"/>
  </xsl:function>

  <!-- ISO dates read as German dates; everything else as given. -->
  <xsl:function name="f:value" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (matches($value, '^\d{4}-\d{2}-\d{2}$') and $value castable as xs:date)
                          then format-date(xs:date($value), '[D01].[M01].[Y0001]')
                          else if ($value = 'true') then 'ja' else if ($value = 'false') then 'nein' else $value"/>
  </xsl:function>

  <xsl:function name="f:decision" as="xs:string">
    <xsl:param name="decision" as="xs:string?"/>
    <xsl:sequence select="if ($decision = 'approved') then 'bewilligt' else if ($decision = 'rejected') then 'abgelehnt' else ($decision, 'siehe Bescheid')[1]"/>
  </xsl:function>

  <xsl:function name="f:size" as="xs:string">
    <xsl:param name="bytes" as="xs:string"/>
    <xsl:variable name="n" select="number($bytes)"/>
    <xsl:sequence select="if ($n ge 1048576) then format-number($n div 1048576, '0.0') || ' MB'
                          else if ($n ge 1024) then format-number($n div 1024, '0') || ' kB' else $bytes || ' Byte'"/>
  </xsl:function>

  <!-- A UTC timestamp as German local time (CET/CEST), e.g. "01.07.2026, 09:30 Uhr". -->
  <xsl:function name="f:german-timestamp" as="xs:string">
    <xsl:param name="timestamp" as="xs:string"/>
    <xsl:variable name="utc" select="adjust-dateTime-to-timezone(xs:dateTime($timestamp), xs:dayTimeDuration('PT0H'))"/>
    <xsl:variable name="year" select="year-from-dateTime($utc)"/>
    <xsl:variable name="summer" select="$utc ge f:last-sunday($year, 3) and $utc lt f:last-sunday($year, 10)"/>
    <xsl:sequence select="format-dateTime(adjust-dateTime-to-timezone($utc, xs:dayTimeDuration(if ($summer) then 'PT2H' else 'PT1H')), '[D01].[M01].[Y0001], [H01]:[m01] Uhr')"/>
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
