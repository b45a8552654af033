// The chaos run's configuration of the demo organisation: every service of the three bundles in both demo
// municipalities, spread over implementation levels 1-4, and who acts for which office.
import { DEMO_ARS, DEMO_ARS_2, DEMO_OFFICE, DEMO_TOKENS } from '../../demo/seed';
import { SERVICES } from '../../db/seed/services';

export interface BindingPlan {
  ars: string;
  leikaId: string;
  bundle: string;
  /** The municipality and office that handle it (after a redirect). */
  handlingArs: string;
  officeId: string;
  level: 1 | 2 | 3 | 4;
  fachverfahren: 'gewerbepro' | 'amtsdesk' | null;
  participatingOfficeIds: string[];
}

export const OFFICE_TOKENS: Record<string, string> = {
  [DEMO_OFFICE]: DEMO_TOKENS.caseworker,
  'radebeul-bauamt': DEMO_TOKENS.caseworkerBauamt,
  'radebeul-standesamt': DEMO_TOKENS.caseworkerStandesamt,
  'coswig-buergeramt': DEMO_TOKENS.caseworkerCoswig,
};

/** The office the chaos run misconfigures (its postal address) and fixes again. */
export const MISCONFIGURED_OFFICE = 'coswig-buergeramt';

// Levels by position of the service in its bundle: [Radebeul, Coswig]. Coswig's civil status goes to Radebeul.
const LEVELS: Record<string, [number, number][]> = {
  trade: [
    [2, 2],
    [3, 3],
    [4, 1],
    [1, 2],
  ],
  'street-use': [
    [1, 1],
    [3, 2],
    [4, 1],
  ],
  'civil-status': [
    [2, 0],
    [3, 0],
    [4, 0],
  ],
};

function radebeulPlan(leikaId: string, bundle: string, level: number): BindingPlan {
  return {
    ars: DEMO_ARS,
    leikaId,
    bundle,
    handlingArs: DEMO_ARS,
    officeId: bundle === 'civil-status' ? 'radebeul-standesamt' : DEMO_OFFICE,
    level: level as BindingPlan['level'],
    fachverfahren:
      ({ trade: 'gewerbepro', 'civil-status': 'amtsdesk' }[bundle] as BindingPlan['fachverfahren']) ?? null,
    participatingOfficeIds:
      level === 4
        ? bundle === 'trade'
          ? ['radebeul-bauamt', 'radebeul-standesamt']
          : ['radebeul-bauamt']
        : [],
  };
}

/** Every (municipality, service) pair the run submits to, with the binding it configures. */
export function bindingPlans(): BindingPlan[] {
  const plans: BindingPlan[] = [];
  for (const bundle of Object.keys(LEVELS)) {
    const services = SERVICES.filter((s) => s.bundle === bundle);
    services.forEach((service, i) => {
      const [radebeul, coswig] = LEVELS[bundle]![i]!;
      const own = radebeulPlan(service.leikaId, bundle, radebeul);
      plans.push(own);
      plans.push(
        coswig === 0
          ? { ...own, ars: DEMO_ARS_2 }
          : {
              ars: DEMO_ARS_2,
              leikaId: service.leikaId,
              bundle,
              handlingArs: DEMO_ARS_2,
              officeId: MISCONFIGURED_OFFICE,
              level: coswig as BindingPlan['level'],
              fachverfahren: bundle === 'trade' ? 'amtsdesk' : null,
              participatingOfficeIds: [],
            },
      );
    });
  }
  return plans;
}

/** The PATCH body for a binding the run owns (redirected ones keep their redirect). */
export function bindingPatch(plan: BindingPlan): Record<string, unknown> | undefined {
  if (plan.handlingArs !== plan.ars) return undefined;
  return {
    level: plan.level,
    officeId: plan.officeId,
    fachverfahrenSystemId:
      plan.fachverfahren === 'gewerbepro'
        ? 'radebeul-gewerbepro'
        : plan.fachverfahren === 'amtsdesk'
          ? 'demo-amtsdesk'
          : null,
    participatingOfficeIds: plan.participatingOfficeIds,
  };
}
