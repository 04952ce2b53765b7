/**
 * The plan along a range of budgets: what `plan --plot` and `--ascii` draw. The frontier is
 * sampled on a log grid around the budget (1e-3..1e3 x C by default, 8 points a decade),
 * with the user's options, so the curve passes through the plan itself.
 */
import type { LawSet } from "../laws/types.js";
import type { Plan, PlanOptions } from "../plan/plan.js";
import { plan } from "../plan/plan.js";

export interface PlanCurve {
  set: LawSet;
  /** The plan the user asked for. */
  at: Plan;
  /** Plans for budgets around it, in increasing FLOPs; budgets the law cannot plan are left out. */
  samples: Plan[];
}

export interface SampleOptions {
  /** The range is budget / span .. budget x span. @default 1000 */
  span?: number;
  /** @default 8 */
  perDecade?: number;
}

export function planCurve(set: LawSet, options: PlanOptions, sample: SampleOptions = {}): PlanCurve {
  const at = plan(set, options);
  const span = sample.span ?? 1000;
  const perDecade = sample.perDecade ?? 8;
  const decades = Math.log10(span);
  const steps = Math.round(decades * perDecade);
  const samples: Plan[] = [];
  for (let i = -steps; i <= steps; i++) {
    const flops = at.flops * 10 ** (i / perDecade);
    try {
      samples.push(plan(set, { ...options, goal: { kind: "compute", flops } }));
    } catch {
      // Outside the law's range (e.g. below a fitted E): leave the point out; the curve breaks.
    }
  }
  return { set, at, samples };
}
