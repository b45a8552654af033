<?xml version="1.0" encoding="UTF-8"?>
<!--
  XSLT 1.0 twin of rules/xslt/trade-xgewerbeanzeige.xsl, for the benchmark against xsltproc (libxslt).
  Same input (the application envelope), same output (the XGewerbeanzeige-style message); what XSLT 1.0
  lacks (maps, regular expressions, date arithmetic) is written out by hand: the street/house-number
  split looks at the last word, the German local date uses the EU summer-time rule in integer arithmetic.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:a="urn:drehscheibe:application:1"
    xmlns:xga="urn:drehscheibe:xgewerbeanzeige:1"
    exclude-result-prefixes="a">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <xsl:template match="/a:application">
    <xsl:variable name="art">
      <xsl:choose>
        <xsl:when test="a:service/a:leikaId = '99050012104000'">anmeldung</xsl:when>
        <xsl:when test="a:service/a:leikaId = '99050012104001'">ummeldung</xsl:when>
        <xsl:when test="a:service/a:leikaId = '99050012104002'">abmeldung</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$art = ''">
      <xsl:message terminate="yes">Service <xsl:value-of select="a:service/a:leikaId"/> has no XGewerbeanzeige record.</xsl:message>
    </xsl:if>
    <xga:gewerbemeldung.0500 produkt="Drehscheibe" produkthersteller="Drehscheibe-Projekt" produktversion="1"
                             standard="XGewerbeanzeige-Drehscheibe" version="1.0">
      <xga:nachrichtenkopf>
        <xga:identifikation.nachricht>
          <xga:nachrichtenUUID><xsl:value-of select="a:messageUuid"/></xga:nachrichtenUUID>
          <xga:nachrichtentyp><code>0500</code></xga:nachrichtentyp>
          <xga:erstellungszeitpunkt><xsl:value-of select="a:createdAt"/></xga:erstellungszeitpunkt>
        </xga:identifikation.nachricht>
        <xga:leser>
          <xga:behoerdenkennung>
            <xga:praefix><code>OE</code></xga:praefix>
            <xga:kennung><code><xsl:value-of select="a:office/a:id"/></code></xga:kennung>
          </xga:behoerdenkennung>
          <xsl:for-each select="a:office/a:email[normalize-space()]">
            <xga:erreichbarkeit><xga:kanal><code>01</code></xga:kanal><xga:kennung><xsl:value-of select="."/></xga:kennung></xga:erreichbarkeit>
          </xsl:for-each>
          <xga:behoerdenname><xsl:value-of select="a:office/a:name"/></xga:behoerdenname>
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

  <xsl:template match="a:application" mode="satz">
    <xsl:variable name="form" select="a:formData"/>
    <xga:satzErstellung><xsl:value-of select="a:createdAt"/></xga:satzErstellung>
    <xsl:if test="@messageType = 'supplement'">
      <xga:istKorrektur><code>1</code></xga:istKorrektur>
    </xsl:if>
    <xga:antragsID><xsl:value-of select="a:id"/></xga:antragsID>
    <xga:leistungSchluessel><xsl:value-of select="a:service/a:leikaId"/></xga:leistungSchluessel>
    <xga:gemeindeSchluessel listURI="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs">
      <code><xsl:value-of select="a:municipality/a:ars"/></code>
    </xga:gemeindeSchluessel>
    <xga:gemeindeName><xsl:value-of select="a:municipality/a:name"/></xga:gemeindeName>
    <xga:gewerbe>
      <xga:betrieb>
        <xga:eingetragenerName>
          <xsl:choose>
            <xsl:when test="normalize-space($form/a:businessName)"><xsl:value-of select="$form/a:businessName"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(concat($form/a:operator/a:givenName, ' ', $form/a:operator/a:familyName))"/></xsl:otherwise>
          </xsl:choose>
        </xga:eingetragenerName>
        <xsl:for-each select="$form/a:legalForm[normalize-space()]"><xga:rechtsform><xsl:value-of select="."/></xga:rechtsform></xsl:for-each>
      </xga:betrieb>
      <xsl:for-each select="$form/a:employees[string(number(.)) != 'NaN' and number(.) >= 0 and floor(number(.)) = number(.)]">
        <xga:anzahlVollzeitBeschaeftigte><xsl:value-of select="number(.)"/></xga:anzahlVollzeitBeschaeftigte>
      </xsl:for-each>
      <xga:anschrift>
        <xsl:call-template name="anschrift"><xsl:with-param name="address" select="$form/a:businessAddress"/></xsl:call-template>
      </xga:anschrift>
      <xga:beteiligtePerson>
        <xga:personFunktion><code>1</code><name>Inhaber/in</name></xga:personFunktion>
        <xga:familienname>
          <xsl:choose>
            <xsl:when test="normalize-space($form/a:operator/a:familyName)"><xsl:value-of select="$form/a:operator/a:familyName"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="a:applicant/a:name"/></xsl:otherwise>
          </xsl:choose>
        </xga:familienname>
        <xsl:for-each select="$form/a:operator/a:givenName"><xga:vorname><xsl:value-of select="."/></xga:vorname></xsl:for-each>
        <xsl:for-each select="$form/a:operator/a:birthDate[string-length(.) = 10 and substring(., 5, 1) = '-']"><xga:geburtsdatum><xsl:value-of select="."/></xga:geburtsdatum></xsl:for-each>
        <xsl:for-each select="$form/a:operator/a:nationality[normalize-space()]"><xga:staatsangehoerigkeit><xsl:value-of select="."/></xga:staatsangehoerigkeit></xsl:for-each>
        <xsl:for-each select="a:applicant/a:email[normalize-space()]">
          <xga:erreichbarkeit><xga:kanal><code>01</code></xga:kanal><xga:kennung><xsl:value-of select="."/></xga:kennung></xga:erreichbarkeit>
        </xsl:for-each>
      </xga:beteiligtePerson>
    </xga:gewerbe>
    <xsl:for-each select="$form/a:startDate[string-length(.) = 10 and substring(., 5, 1) = '-']"><xga:gueltigAb><xsl:value-of select="."/></xga:gueltigAb></xsl:for-each>
    <xga:datumMeldung><xsl:call-template name="local-date"><xsl:with-param name="timestamp" select="a:submittedAt"/></xsl:call-template></xga:datumMeldung>
    <xsl:for-each select="$form/a:activity[normalize-space()]">
      <xga:taetigkeitenGesamt>
        <xga:schwerpunkt><xga:taetigkeitSchwerpunkt><xsl:value-of select="normalize-space(.)"/></xga:taetigkeitSchwerpunkt></xga:schwerpunkt>
      </xga:taetigkeitenGesamt>
    </xsl:for-each>
    <xsl:for-each select="a:attachments/a:attachment">
      <xga:anlage>
        <xga:dateiname><xsl:value-of select="a:filename"/></xga:dateiname>
        <xga:mimeType><xsl:value-of select="a:mediaType"/></xga:mimeType>
        <xga:sha256><xsl:value-of select="translate(a:sha256, 'ABCDEF', 'abcdef')"/></xga:sha256>
        <xga:groesse><xsl:value-of select="a:size"/></xga:groesse>
      </xga:anlage>
    </xsl:for-each>
  </xsl:template>

  <!-- "Königsbrücker Straße 12a": the last word becomes hausNr when it starts with a digit. -->
  <xsl:template name="anschrift">
    <xsl:param name="address"/>
    <xsl:variable name="street" select="normalize-space($address/a:street)"/>
    <xsl:variable name="last"><xsl:call-template name="last-word"><xsl:with-param name="text" select="$street"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($street, ' ') and contains('0123456789', substring($last, 1, 1))">
        <xga:strasse><xsl:value-of select="substring($street, 1, string-length($street) - string-length($last) - 1)"/></xga:strasse>
        <xga:hausNr><xsl:value-of select="$last"/></xga:hausNr>
      </xsl:when>
      <xsl:when test="$street">
        <xga:strasse><xsl:value-of select="$street"/></xga:strasse>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="$address/a:city[normalize-space()]"><xga:ort><xsl:value-of select="."/></xga:ort></xsl:for-each>
    <xsl:for-each select="$address/a:postalCode[string-length(.) = 5 and translate(., '0123456789', '') = '']"><xga:plz><xsl:value-of select="."/></xga:plz></xsl:for-each>
  </xsl:template>

  <xsl:template name="last-word">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, ' ')"><xsl:call-template name="last-word"><xsl:with-param name="text" select="substring-after($text, ' ')"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- German calendar day of a UTC timestamp "YYYY-MM-DDThh:mm:ss(.sss)Z" (EU rule, valid 1900-2099). -->
  <xsl:template name="local-date">
    <xsl:param name="timestamp"/>
    <xsl:variable name="y" select="number(substring($timestamp, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($timestamp, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($timestamp, 9, 2))"/>
    <xsl:variable name="h" select="number(substring($timestamp, 12, 2))"/>
    <xsl:variable name="marchSunday" select="31 - ((floor(5 * $y div 4) + 4) mod 7)"/>
    <xsl:variable name="octoberSunday" select="31 - ((floor(5 * $y div 4) + 1) mod 7)"/>
    <xsl:variable name="stamp" select="$m * 10000 + $d * 100 + $h"/>
    <xsl:variable name="offset">
      <xsl:choose>
        <xsl:when test="$stamp >= 30000 + $marchSunday * 100 + 1 and $stamp &lt; 100000 + $octoberSunday * 100 + 1">2</xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="monthLength" select="substring('312831303130313130313031', 2 * $m - 1, 2) + number($m = 2 and (($y mod 4 = 0 and $y mod 100 != 0) or $y mod 400 = 0))"/>
    <xsl:choose>
      <xsl:when test="$h + $offset &lt; 24"><xsl:value-of select="substring($timestamp, 1, 10)"/></xsl:when>
      <xsl:when test="$d &lt; $monthLength"><xsl:value-of select="concat(substring($timestamp, 1, 8), format-number($d + 1, '00'))"/></xsl:when>
      <xsl:when test="$m &lt; 12"><xsl:value-of select="concat($y, '-', format-number($m + 1, '00'), '-01')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($y + 1, '-01-01')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
