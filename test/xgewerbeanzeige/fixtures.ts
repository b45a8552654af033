// Trade forms and rule runs for the XGewerbeanzeige tests: the KoSIT 2.2 sample's case (Tibor Pick) as form data.
import { compileRule } from '../../rules/compile';
import { ruleText, SERVICE_KEYS } from '../../rules/catalog';
import { applicationEnvelope } from '../../rules/envelope';
import { SAMPLE_XGA_PAYLOAD, sampleEnvelopeInput } from '../../rules/samples';
import { runRule } from '../../rules/transform';

/** Everything the 2.2 sample message carries, as the trade form holds it. */
export function fullTradeForm(): Record<string, unknown> {
  return {
    businessName: 'Tibor Pick e.K.',
    activity: 'Friseur',
    activityCode: '96021',
    activityKeyword: 'Friseurgewerbe (Damen- und Herrenfriseursalons)',
    furtherActivities: ['Verkauf von Haarpflegeprodukten', 'Make-up-Beratung'],
    startDate: '2016-08-01',
    legalForm: 'Sonstige',
    legalFormCode: '170',
    commercialRegister: { kind: 'A', number: '11111', court: 'G1103', city: 'Cottbus', postalCode: '03046' },
    employees: 0,
    employeesPartTime: 2,
    businessKind: { industry: false, craft: true, trade: false, other: false },
    establishment: '1',
    itinerant: false,
    sideline: false,
    craftCard: {
      status: '1',
      issuedAt: '2012-03-01',
      issuerPostalCode: '03046',
      issuerCity: 'Cottbus',
      issuerCode: '00007',
    },
    registrationReason: '01',
    operator: {
      familyName: 'Pick',
      givenName: 'Tibor',
      sex: '1',
      birthName: 'Rodríguez',
      birthDate: '1965-10-12',
      birthPlace: 'Santiago',
      birthCountry: 'Chile',
      nationalityCodes: ['332'],
      address: { street: 'Ewald-Hase-Str. 4', postalCode: '03044', city: 'Cottbus' },
      phone: '0355 141455',
      residencePermit: {
        status: '1',
        issuedAt: '2002-01-02',
        issuerName: 'Stadt Cottbus',
        issuerPostalCode: '03044',
        issuerCity: 'Cottbus',
      },
    },
    businessAddress: { street: 'Spremberger Str. 90', postalCode: '03046', city: 'Cottbus' },
  };
}

// Compiled on first use, with the shipped rules' patience (a loaded machine takes far longer than 30 s).
let sef: ReturnType<typeof compileRule> | undefined;

/** Runs the official-message rule on a trade envelope for one message type. */
export async function officialMessage(
  options: {
    messageType?: '0100' | '0300' | '0500';
    leikaId?: string;
    formData?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const input = sampleEnvelopeInput({
    leikaId: options.leikaId ?? SERVICE_KEYS.tradeRegister,
    formData: options.formData ?? fullTradeForm(),
  });
  const payload = structuredClone(SAMPLE_XGA_PAYLOAD);
  payload.xga.messageType = options.messageType ?? '0500';
  payload.xga.legalFormCode = (input.formData.legalFormCode as string | undefined) ?? '180';
  sef ??= compileRule(ruleText('trade-xgewerbeanzeige-2.2.xsl'), { timeoutMs: 600_000 });
  return runRule({ id: 'test:xgwa-2.2', sef: await sef }, applicationEnvelope({ ...input, payload }));
}
