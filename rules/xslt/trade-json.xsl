<?xml version="1.0" encoding="UTF-8"?>
<!--
  Trade application or supplement -> flat JSON for a second vendor's Fachverfahren (demo product
  "AmtsDesk"). Input: the application envelope with the trade form of db/seed/services.ts.
  Built as the XPath 3.1 XML representation of JSON and serialised with xml-to-json, so the key
  order is fixed and a retried delivery produces byte-identical output.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xpath-default-namespace="urn:drehscheibe:application:1"
    exclude-result-prefixes="xs j">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="vorgangsart" as="map(xs:string, xs:string)" select="map {
      '99050012104000': 'Gewerbeanmeldung', '99050012104001': 'Gewerbeummeldung',
      '99050012104002': 'Gewerbeabmeldung', '99050012104003': 'Auszug aus dem Gewerberegister' }"/>

  <xsl:template match="/application">
    <xsl:variable name="form" select="formData"/>
    <xsl:variable name="json">
      <j:map>
        <j:string key="schema">urn:drehscheibe:amtsdesk:gewerbe:1</j:string>
        <j:string key="nachrichtId"><xsl:value-of select="messageId"/></j:string>
        <j:string key="nachrichtentyp"><xsl:value-of select="@messageType"/></j:string>
        <j:string key="vorgangsart"><xsl:value-of select="($vorgangsart(string(service/leikaId)), service/name, 'Gewerbe')[1]"/></j:string>
        <j:string key="antragsnummer"><xsl:value-of select="id"/></j:string>
        <j:string key="leikaSchluessel"><xsl:value-of select="service/leikaId"/></j:string>
        <j:string key="gemeindeschluessel"><xsl:value-of select="municipality/ars"/></j:string>
        <j:string key="gemeinde"><xsl:value-of select="municipality/name"/></j:string>
        <j:string key="dienststelle"><xsl:value-of select="office/id"/></j:string>
        <j:number key="ausbaustufe"><xsl:value-of select="implementationLevel"/></j:number>
        <j:string key="eingangAm"><xsl:value-of select="submittedAt"/></j:string>
        <j:string key="antragstellerName"><xsl:value-of select="applicant/name"/></j:string>
        <j:string key="antragstellerEmail"><xsl:value-of select="applicant/email"/></j:string>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'antragstellerAnschrift'"/><xsl:with-param name="value" select="applicant/postalAddress"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'betriebName'"/><xsl:with-param name="value" select="$form/businessName"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'rechtsform'"/><xsl:with-param name="value" select="$form/legalForm"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'taetigkeit'"/><xsl:with-param name="value" select="$form/activity"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'beginn'"/><xsl:with-param name="value" select="$form/startDate"/></xsl:call-template>
        <xsl:for-each select="$form/employees[. castable as xs:integer]"><j:number key="beschaeftigte"><xsl:value-of select="xs:integer(.)"/></j:number></xsl:for-each>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'inhaberFamilienname'"/><xsl:with-param name="value" select="$form/operator/familyName"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'inhaberVorname'"/><xsl:with-param name="value" select="$form/operator/givenName"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'inhaberGeburtsdatum'"/><xsl:with-param name="value" select="$form/operator/birthDate"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'inhaberStaatsangehoerigkeit'"/><xsl:with-param name="value" select="$form/operator/nationality"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'betriebStrasse'"/><xsl:with-param name="value" select="$form/businessAddress/street"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'betriebPlz'"/><xsl:with-param name="value" select="$form/businessAddress/postalCode"/></xsl:call-template>
        <xsl:call-template name="optional"><xsl:with-param name="key" select="'betriebOrt'"/><xsl:with-param name="value" select="$form/businessAddress/city"/></xsl:call-template>
        <j:array key="anlagen">
          <xsl:for-each select="attachments/attachment">
            <j:map>
              <j:string key="dateiname"><xsl:value-of select="filename"/></j:string>
              <j:string key="medientyp"><xsl:value-of select="mediaType"/></j:string>
              <j:string key="sha256"><xsl:value-of select="sha256"/></j:string>
              <j:number key="bytes"><xsl:value-of select="size"/></j:number>
            </j:map>
          </xsl:for-each>
        </j:array>
      </j:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($json, map { 'indent': true() })"/>
  </xsl:template>

  <xsl:template name="optional">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="element()?"/>
    <xsl:if test="normalize-space($value)">
      <j:string key="{$key}"><xsl:value-of select="$value"/></j:string>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
