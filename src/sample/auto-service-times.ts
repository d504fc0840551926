import { countOf, PHONE, rowsWhere, type Evaluations } from './auto-service-design.ts';
import { normal, unitsWithTotal } from './auto-service-draws.ts';
import { RESPONSE_LEANS, WAIT_LEANS, type AutoServiceTargets } from './auto-service-targets.ts';
import type { Rng } from './random.ts';

/** Times in tenths of a second per evaluation, or -1 where the time does not apply. */
export type Tenths = Int32Array;

/** The three timed measures of the study. */
export interface Times {
  onlineResponse: Tenths;
  ivrWait: Tenths;
  ivrMenu: Tenths;
}

/** Times of the rows in `rows`, in proportion to `draw(i)`, with a mean of exactly `mean` seconds. */
function timesWithMean(e: Evaluations, rows: Uint8Array, mean: number, draw: (i: number) => number): Tenths {
  const raw: number[] = [];
  for (let i = 0; i < e.n; i++) if (rows[i]) raw.push(draw(i));
  const units = unitsWithTotal(Float64Array.from(raw), Math.round(mean * 10 * countOf(rows)));
  const out = new Int32Array(e.n).fill(-1);
  for (let i = 0, k = 0; i < e.n; i++) if (rows[i]) out[i] = units[k++]!;
  return out;
}

/** A right-skewed multiplier with mean about 1, as waiting times are. */
function skew(rng: Rng, sigma: number): number {
  return Math.exp(sigma * normal(rng) - (sigma * sigma) / 2);
}

/**
 * Online reply time (connected online evaluations), wait for a phone agent (connected calls) and voice-menu
 * length (every call, mostly the brand's menu with a little per path); each mean exactly as published.
 */
export function planTimes(rng: Rng, e: Evaluations, targets: AutoServiceTargets): Times {
  const phone = e.channelIds.indexOf(PHONE);
  if (phone < 0) throw new Error(`the channels include no "${PHONE}"`);
  const brand = (i: number) => e.brands[e.brand[i]!]!;
  const scenario = (i: number) => e.scenarioIds[e.scenario[i]!]!;
  const online = rowsWhere(e, (i) => e.connected[i] === 1 && e.channel[i] !== phone);
  const answered = rowsWhere(e, (i) => e.connected[i] === 1 && e.channel[i] === phone);
  const calls = rowsWhere(e, (i) => e.channel[i] === phone);
  return {
    onlineResponse: timesWithMean(e, online, targets.onlineResponse, (i) => {
      const lean = (RESPONSE_LEANS.channel[e.channelIds[e.channel[i]!]!] ?? 1) * (RESPONSE_LEANS.scenario[scenario(i)] ?? 1);
      // A reply never comes at once: about two seconds at least.
      return 2 + brand(i).onlineResponse * lean * skew(rng, 0.45) * (targets.onlineResponse - 2);
    }),
    ivrWait: timesWithMean(e, answered, targets.ivrWait, (i) => 3 + brand(i).ivrWait * (WAIT_LEANS[scenario(i)] ?? 1) * skew(rng, 0.5) * (targets.ivrWait - 3)),
    ivrMenu: timesWithMean(e, calls, targets.ivrMenu, (i) => Math.max(10, brand(i).ivrMenu * targets.ivrMenu + 2.5 * normal(rng))),
  };
}
