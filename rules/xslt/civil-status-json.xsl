<?xml version="1.0" encoding="UTF-8"?>
<!--
  Civil status certificate order (birth, marriage, death) -> flat JSON for a civil registry
  Fachverfahren. Input: the application envelope with the certificate form of db/seed/services.ts.
  Key order is fixed (xml-to-json).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs j">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="urkunde" as="map(xs:string, xs:string)" select="map {
      '99063006000001': 'GEBURTSURKUNDE', '99063006000002': 'EHEURKUNDE', '99063006000003': 'STERBEURKUNDE' }"/>

  <xsl:template match="/application">
    <xsl:variable name="form" select="formData"/>
    <xsl:variable name="json">
      <j:map>
        <j:string key="schema">urn:drehscheibe:personenstand:urkundenbestellung:1</j:string>
        <j:string key="nachrichtId"><xsl:value-of select="messageId"/></j:string>
        <j:string key="nachrichtentyp"><xsl:value-of select="@messageType"/></j:string>
        <j:string key="urkundenart"><xsl:value-of select="($urkunde(string(service/leikaId)), 'URKUNDE')[1]"/></j:string>
        <j:string key="antragsnummer"><xsl:value-of select="id"/></j:string>
        <j:string key="leikaSchluessel"><xsl:value-of select="service/leikaId"/></j:string>
        <j:string key="gemeindeschluessel"><xsl:value-of select="municipality/ars"/></j:string>
        <j:string key="standesamt"><xsl:value-of select="office/name"/></j:string>
        <j:string key="eingangAm"><xsl:value-of select="submittedAt"/></j:string>
        <j:string key="bestellerName"><xsl:value-of select="applicant/name"/></j:string>
        <j:string key="bestellerEmail"><xsl:value-of select="applicant/email"/></j:string>
        <xsl:if test="normalize-space(applicant/postalAddress)"><j:string key="versandanschrift"><xsl:value-of select="applicant/postalAddress"/></j:string></xsl:if>
        <j:string key="personFamilienname"><xsl:value-of select="$form/person/familyName"/></j:string>
        <j:string key="personVorname"><xsl:value-of select="$form/person/givenName"/></j:string>
        <xsl:if test="normalize-space($form/person/birthDate)"><j:string key="personGeburtsdatum"><xsl:value-of select="$form/person/birthDate"/></j:string></xsl:if>
        <j:string key="ereignisDatum"><xsl:value-of select="$form/eventDate"/></j:string>
        <xsl:if test="normalize-space($form/eventPlace)"><j:string key="ereignisOrt"><xsl:value-of select="$form/eventPlace"/></j:string></xsl:if>
        <j:number key="anzahl"><xsl:value-of select="if ($form/copies castable as xs:integer) then xs:integer($form/copies) else 1"/></j:number>
        <xsl:if test="normalize-space($form/purpose)"><j:string key="verwendungszweck"><xsl:value-of select="$form/purpose"/></j:string></xsl:if>
      </j:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($json, map { 'indent': true() })"/>
  </xsl:template>
</xsl:stylesheet>
