/** Per option id of a segment (channel, scenario, brand type), a number such as a share or a factor. */
export type ById = Readonly<Record<string, number>>;

/** One agent-ability dimension: its published mean and how each of its four indicators sits around it. */
export interface DimensionTarget {
  /** Mean score (0-100) over connected evaluations, as published. */
  mean: number;
  /** Points above or below the dimension mean for each indicator question; they add up to 0. */
  offsets: ById;
}

/** The design of the automotive customer-service study and the figures its synthetic evaluations reproduce. */
export interface AutoServiceTargets {
  /** Number of brands of each type; brands are listed fuel first, in the brand segment's order. */
  brands: ById;
  /** Share of evaluations reaching a human agent, per channel (each channel has the same number of evaluations). */
  connected: ById;
  /** Mean seconds to the first reply of an online human agent (online channels, connected evaluations). */
  onlineResponse: number;
  /** Mean seconds waited for a phone agent after asking for one (connected phone evaluations). */
  ivrWait: number;
  /** Mean seconds of voice menu before the options (every phone evaluation). */
  ivrMenu: number;
  /** Brands of each type whose first menu layer offers roadside assistance. */
  roadsideFirstLayer: ById;
  /** Brands of each type that run a satisfaction survey after the service. */
  surveyRun: ById;
  /** Brands using each survey scale (option ids of the scale question), among those running a survey. */
  surveyScales: ById;
  /** The four agent-ability dimensions by composite id. */
  dimensions: Readonly<Record<string, DimensionTarget>>;
  /** Mean satisfaction (0-100) over connected evaluations. */
  satisfaction: number;
}

/**
 * The 2025 study: 50 brands (30 fuel, 20 new energy). Connection 90% overall (the channel shares average to
 * it); 42 of 50 brands (84%) run a post-service survey; 19 of 50 (38%) offer roadside assistance in the
 * first menu layer; times, dimension scores and satisfaction as published.
 */
export const AUTO_SERVICE_2025: AutoServiceTargets = {
  brands: { fuel: 30, nev: 20 },
  connected: { phone: 0.85, wechat: 0.93, mini_program: 0.89, website: 0.91, app: 0.92 },
  onlineResponse: 9.6,
  ivrWait: 24.15,
  ivrMenu: 34.53,
  roadsideFirstLayer: { fuel: 13, nev: 6 },
  surveyRun: { fuel: 24, nev: 18 },
  surveyScales: { scale_2: 9, scale_3: 9, scale_4: 5, scale_5: 19 },
  dimensions: {
    dim_communication: { mean: 93.04, offsets: { courtesy: 2.6, clarity: 1.2, listening: -0.4, proactive: -3.4 } },
    dim_proficiency: { mean: 91.88, offsets: { lookup_speed: -2, process_knowledge: 2.2, complex_cases: -2.6, product_knowledge: 2.4 } },
    dim_accuracy: { mean: 94.63, offsets: { product_info: 1.8, policy_fees: -0.6, completeness: 0.9, no_evasion: -2.1 } },
    dim_capability: { mean: 92.14, offsets: { resolution: 3.1, flexibility: -0.9, empathy: -1, follow_up: -1.2 } },
  },
  satisfaction: 94,
};

/** How brands of each type lean: what makes fuel and new-energy brands differ (times as multipliers, 1 = average). */
export const TYPE_LEANS = {
  /** Quality shift in standard deviations of the brand spread (new-energy brands score a little higher). */
  quality: { fuel: -0.27, nev: 0.4 },
  /** Online reply time (new-energy brands, app-first, answer online faster). */
  onlineResponse: { fuel: 1.12, nev: 0.82 },
  /** Wait for a phone agent (fuel brands run larger, older hotlines). */
  ivrWait: { fuel: 0.94, nev: 1.09 },
  /** Length of the voice menu (fuel brands' menus are longer). */
  ivrMenu: { fuel: 1.1, nev: 0.85 },
} as const;

/** Relative size of agents' point deductions per scenario and per channel (1 = average). */
export const DEDUCTION_LEANS = {
  scenario: { enquiry: 0.85, maintenance: 0.8, complaint: 1.35, roadside: 1 } as ById,
  channel: { phone: 0.9, wechat: 1, mini_program: 1.05, website: 1.1, app: 0.95 } as ById,
};

/** Relative online reply time per scenario and per online channel (1 = average). */
export const RESPONSE_LEANS = {
  scenario: { enquiry: 1, maintenance: 0.95, complaint: 1.25, roadside: 0.8 } as ById,
  channel: { wechat: 0.9, mini_program: 1, website: 1.15, app: 0.95 } as ById,
};

/** Relative phone wait for an agent per scenario (roadside calls are often routed first). */
export const WAIT_LEANS: ById = { enquiry: 1.05, maintenance: 1.1, complaint: 1.15, roadside: 0.7 };

/** Relative chance of not reaching an agent, per brand type and channel (new-energy brands invest in apps). */
export const MISS_LEANS: Readonly<Record<string, ById>> = {
  fuel: { phone: 1, wechat: 1, mini_program: 1.1, website: 1, app: 1.3 },
  nev: { phone: 1.3, wechat: 1, mini_program: 0.9, website: 1, app: 0.6 },
};
