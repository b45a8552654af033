// Code values the trade form carries for the official XGewerbeanzeige messages, and the intake check that
// refuses a bad code before a case starts. Sources per list in docs/xgewerbeanzeige.md#code-lists.

/** Legal forms: FIM code list "rechtsformen-gaengig" (C60000025, 2021-06-18); 170 and 180 occur in KoSIT's samples. */
export const LEGAL_FORM_CODES: Record<string, string> = {
  '170': 'eingetragenes Einzelunternehmen (e.K.)',
  '180': 'nicht eingetragenes Einzelunternehmen',
  '210': 'Offene Handelsgesellschaft (OHG)',
  '220': 'Kommanditgesellschaft (KG)',
  '230': 'GmbH & Co. KG',
  '270': 'Gesellschaft bürgerlichen Rechts (GbR)',
  '293': 'Partnerschaftsgesellschaft',
  '310': 'Aktiengesellschaft (AG)',
  '350': 'Gesellschaft mit beschränkter Haftung (GmbH)',
  '351': 'Unternehmergesellschaft (haftungsbeschränkt)',
  '360': 'Europäische Aktiengesellschaft (SE)',
  '400': 'eingetragene Genossenschaft (eG)',
  '590': 'eingetragener Verein',
  '611': 'rechtsfähige Stiftung',
};

/** The form's older legal-form labels and the code they stand for ("Sonstige" needs legalFormCode). */
export const LEGAL_FORM_LABEL_CODES: Record<string, string> = {
  Einzelunternehmen: '180',
  GbR: '270',
  OHG: '210',
  KG: '220',
  GmbH: '350',
  UG: '351',
  AG: '310',
  eG: '400',
};

/** Destatis nationality key (urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit): Germany and the other 26 EU states. */
export const EU_NATIONALITY_CODES: Record<string, string> = {
  '000': 'deutsch',
  '124': 'belgisch',
  '125': 'bulgarisch',
  '126': 'dänisch',
  '127': 'estnisch',
  '128': 'finnisch',
  '129': 'französisch',
  '130': 'kroatisch',
  '131': 'slowenisch',
  '134': 'griechisch',
  '135': 'irisch',
  '137': 'italienisch',
  '139': 'lettisch',
  '142': 'litauisch',
  '143': 'luxemburgisch',
  '145': 'maltesisch',
  '148': 'niederländisch',
  '151': 'österreichisch',
  '152': 'polnisch',
  '153': 'portugiesisch',
  '154': 'rumänisch',
  '155': 'slowakisch',
  '157': 'schwedisch',
  '161': 'spanisch',
  '164': 'tschechisch',
  '165': 'ungarisch',
  '181': 'zyprisch',
};

/** Destatis nationality keys of non-EU states the hub accepts so far (a subset; extend from the Destatis list). */
export const OTHER_NATIONALITY_CODES: Record<string, string> = {
  '121': 'albanisch',
  '123': 'andorranisch',
  '149': 'norwegisch',
  '158': 'schweizerisch',
  '160': 'russisch',
  '163': 'türkisch',
  '166': 'ukrainisch',
  '168': 'britisch',
  '170': 'serbisch',
  '221': 'algerisch',
  '223': 'angolanisch',
  '287': 'ägyptisch',
  '332': 'chilenisch',
  '368': 'amerikanisch',
  '423': 'afghanisch',
};

export const NATIONALITY_CODES: Record<string, string> = {
  ...EU_NATIONALITY_CODES,
  ...OTHER_NATIONALITY_CODES,
};

/** Whether an operator with these nationalities is an EU citizen (one EU nationality suffices). */
export function isEuCitizen(codes: readonly string[]): boolean {
  return codes.some((code) => code in EU_NATIONALITY_CODES);
}

/** Gender as the samples code it (listVersionID 3): 1 and 2 occur; 3 and 4 assumed (divers, ohne Angabe). */
export const SEX_CODES = ['1', '2', '3', '4'] as const;
/** Art der Niederlassung: 1 (Hauptniederlassung, in the samples), 2 Zweigniederlassung, 3 unselbständige Zweigstelle. */
export const ESTABLISHMENT_CODES = ['1', '2', '3'] as const;
/** Register kinds (eintragungArt): A (HRA, in the sample), B (HRB), G (GnR), P (PR), V (VR). */
export const REGISTER_KINDS = ['A', 'B', 'G', 'P', 'V'] as const;

/** The trade services whose notifications go out as official messages (register, re-register, deregister). */
export const TRADE_NOTIFICATION_SERVICES = new Set(['99050012104000', '99050012104001', '99050012104002']);

interface TradeForm {
  legalForm?: unknown;
  legalFormCode?: unknown;
  businessKind?: unknown;
  operator?: { nationalityCodes?: unknown; sex?: unknown };
}

const codeList = (codes: Record<string, string> | readonly string[]) =>
  (Array.isArray(codes) ? codes : Object.keys(codes)).join(', ');

/** Codes the form carries that are not in their code list; each entry names the field and what to send. */
export function tradeCodeErrors(formData: Record<string, unknown>): string[] {
  const form = formData as TradeForm;
  const errors: string[] = [];
  const legalCode = form.legalFormCode;
  if (legalCode !== undefined && !(typeof legalCode === 'string' && legalCode in LEGAL_FORM_CODES))
    errors.push(
      `formData.legalFormCode "${String(legalCode)}" is not a legal-form code; use one of ${codeList(LEGAL_FORM_CODES)}`,
    );
  const codes = form.operator?.nationalityCodes;
  if (Array.isArray(codes))
    for (const code of codes)
      if (!(typeof code === 'string' && code in NATIONALITY_CODES))
        errors.push(
          `formData.operator.nationalityCodes: "${String(code)}" is not a Destatis nationality key the hub knows (3 digits, e.g. "000" German, "129" French, "163" Turkish; see docs/xgewerbeanzeige.md)`,
        );
  const sex = form.operator?.sex;
  if (sex !== undefined && !(typeof sex === 'string' && (SEX_CODES as readonly string[]).includes(sex)))
    errors.push(
      `formData.operator.sex "${String(sex)}" is not a gender code; use one of ${codeList(SEX_CODES)}`,
    );
  return errors;
}

/** What an official message needs that the form lacks (a form from before the codes): then nothing is forwarded. */
export function missingTradeCodes(formData: Record<string, unknown>): string[] {
  const form = formData as TradeForm;
  const missing: string[] = [];
  if (
    form.legalFormCode === undefined &&
    !(typeof form.legalForm === 'string' && form.legalForm in LEGAL_FORM_LABEL_CODES)
  )
    missing.push('legalFormCode');
  const kind = form.businessKind as Record<string, unknown> | undefined;
  if (!kind || !['industry', 'craft', 'trade', 'other'].some((k) => kind[k] === true))
    missing.push('businessKind');
  const codes = form.operator?.nationalityCodes;
  if (!Array.isArray(codes) || codes.length === 0) missing.push('operator.nationalityCodes');
  if (form.operator?.sex === undefined) missing.push('operator.sex');
  return [...missing, ...tradeCodeErrors(formData).map(() => 'a valid code')];
}
