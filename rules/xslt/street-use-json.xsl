<?xml version="1.0" encoding="UTF-8"?>
<!--
  Street use application or supplement (construction-site safety, parking ban for a move, other
  permit) -> flat JSON for a road-traffic Fachverfahren. Input: the application envelope with the
  street-use form of db/seed/services.ts. Key order is fixed (xml-to-json).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs j">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="massnahme" as="map(xs:string, xs:string)" select="map {
      '99086004000001': 'BAUSTELLE', '99086004000002': 'HALTEVERBOT_UMZUG', '99086004000003': 'SONDERNUTZUNG' }"/>

  <xsl:template match="/application">
    <xsl:variable name="form" select="formData"/>
    <xsl:variable name="json">
      <j:map>
        <j:string key="schema">urn:drehscheibe:strassenverkehr:sondernutzung:1</j:string>
        <j:string key="nachrichtId"><xsl:value-of select="messageId"/></j:string>
        <j:string key="nachrichtentyp"><xsl:value-of select="@messageType"/></j:string>
        <j:string key="massnahme"><xsl:value-of select="($massnahme(string(service/leikaId)), 'SONDERNUTZUNG')[1]"/></j:string>
        <j:string key="leistung"><xsl:value-of select="(service/name[normalize-space()], service/leikaId)[1]"/></j:string>
        <j:string key="antragsnummer"><xsl:value-of select="id"/></j:string>
        <j:string key="leikaSchluessel"><xsl:value-of select="service/leikaId"/></j:string>
        <j:string key="gemeindeschluessel"><xsl:value-of select="municipality/ars"/></j:string>
        <j:string key="dienststelle"><xsl:value-of select="office/id"/></j:string>
        <j:string key="eingangAm"><xsl:value-of select="submittedAt"/></j:string>
        <j:string key="antragstellerName"><xsl:value-of select="applicant/name"/></j:string>
        <j:string key="antragstellerEmail"><xsl:value-of select="applicant/email"/></j:string>
        <j:string key="ortStrasse"><xsl:value-of select="$form/location/street"/></j:string>
        <j:string key="ortPlz"><xsl:value-of select="$form/location/postalCode"/></j:string>
        <j:string key="ortGemeinde"><xsl:value-of select="$form/location/city"/></j:string>
        <j:string key="von"><xsl:value-of select="$form/from"/></j:string>
        <j:string key="bis"><xsl:value-of select="$form/to"/></j:string>
        <xsl:if test="$form/from castable as xs:date and $form/to castable as xs:date">
          <j:number key="tage"><xsl:value-of select="(xs:date($form/to) - xs:date($form/from)) div xs:dayTimeDuration('P1D') + 1"/></j:number>
        </xsl:if>
        <j:string key="zweck"><xsl:value-of select="$form/purpose"/></j:string>
        <xsl:for-each select="$form/lengthMetres[. castable as xs:double]"><j:number key="laengeMeter"><xsl:value-of select="number(.)"/></j:number></xsl:for-each>
        <j:number key="anlagen"><xsl:value-of select="count(attachments/attachment)"/></j:number>
      </j:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($json, map { 'indent': true() })"/>
  </xsl:template>
</xsl:stylesheet>
