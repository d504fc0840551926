/** Shares by option id, as fractions. */
export type Shares = Readonly<Record<string, number>>;

/** Share of one answer in each leaders-and-laggards group. */
export interface GroupShares {
  laggards: number;
  middle: number;
  leaders: number;
}

/** The figures one wave of synthetic CX management data is calibrated to (fractions of all respondents unless said). */
export interface CxWaveTargets {
  /** Option shares of each segment. */
  segments: Readonly<Record<string, Shares>>;
  /** Maturity stage shares. */
  stages: Shares;
  /** Top-box share of rating questions answered by everyone. */
  topBox: Readonly<Record<string, number>>;
  /** Top-box share of executive support: overall, leaders and laggards (the middle group makes up the rest). */
  execSupport: { all: number; leaders: number; laggards: number };
  /** Option shares of single-choice questions. */
  single: Readonly<Record<string, Shares>>;
  /** Share answering "increase" to each spending question, per group. */
  spendIncrease: Readonly<Record<string, GroupShares>>;
  /** Share choosing each option of multi questions; for questions with a "not applicable" code, among those who answer. */
  multi: Readonly<Record<string, Shares>>;
  /** Channel ratings: share rating "not used" (of all) and top-box share (of those who rated). */
  channels: Readonly<Record<string, { notUsed: number; topBox: number }>>;
}

/** Calibration of the 2025 wave. */
export const TARGETS_2025: CxWaveTargets = {
  segments: {
    industry: { financial: 0.22, healthcare: 0.14, retail: 0.17, technology: 0.19, manufacturing: 0.15, public_sector: 0.13 },
    region: { americas: 0.44, emea: 0.34, apac: 0.22 },
    company_size: { size_1k: 0.46, size_5k: 0.24, size_10k: 0.3 },
    business_model: { b2b: 0.44, b2c: 0.56 },
  },
  stages: { investigate: 0.29, initiate: 0.36, mobilize: 0.21, scale: 0.11, embed: 0.03 },
  topBox: { cx_priority: 0.75, culture: 0.51, ex_cx_value: 0.86, ex_cx_effective: 0.23, ai_helpful: 0.6 },
  execSupport: { all: 0.72, leaders: 0.92, laggards: 0.61 },
  single: {
    senior_leader: { yes_dedicated: 0.29, yes_shared: 0.32, no_leader: 0.39 },
    team_size: { team_0: 0.1, team_1_5: 0.31, team_6_10: 0.22, team_11_20: 0.2, team_21: 0.17 },
    economic_value: { recognised: 0.17, estimated: 0.26, hard_to_prove: 0.14, cannot_quantify: 0.43 },
    cx_tech: { fragmented: 0.29, basic_platform: 0.38, integrated: 0.3, advanced: 0.03 },
    ai_stage: { not_started: 0.12, experimenting: 0.51, some_use: 0.27, wide_use: 0.1 },
    broken_b2b: { discover: 0.1, buy: 0.08, onboard: 0.13, use: 0.13, service: 0.48, renew: 0.08 },
    broken_b2c: { discover: 0.12, buy: 0.12, onboard: 0.08, use: 0.12, service: 0.48, renew: 0.08 },
  },
  spendIncrease: {
    spend_technology: { laggards: 0.42, middle: 0.58, leaders: 0.72 },
    spend_training: { laggards: 0.4, middle: 0.55, leaders: 0.7 },
    spend_staff: { laggards: 0.41, middle: 0.56, leaders: 0.69 },
  },
  multi: {
    team_duties: { strategy: 0.84, insights: 0.84, journeys: 0.55, voc: 0.62, training: 0.36, technology: 0.3 },
    metrics: { nps: 0.69, csat: 0.6, ces: 0.3, retention: 0.45, digital: 0.35, no_metrics: 0.03 },
    listening: { relationship: 0.75, interaction: 0.73, journey: 0.51, social: 0.32, employee: 0.41, behavioural: 0.37 },
    barriers: {
      other_priorities: 0.63,
      poor_integration: 0.48,
      exec_support: 0.41,
      unclear_roi: 0.32,
      budget: 0.34,
      skills: 0.27,
      data_access: 0.21,
      silos: 0.3,
      culture: 0.22,
      technology: 0.25,
      unclear_ownership: 0.14,
      no_barriers: 0.04,
    },
    value_obstacles: { no_metrics: 0.52, no_analysts: 0.47, no_data_link: 0.36, long_payback: 0.28 },
    ai_uses: { chatbots: 0.47, analytics: 0.31, content: 0.19, agent_assist: 0.25, none_ai: 0.2 },
    ai_policies: { security: 0.64, standards: 0.61, training: 0.4, governance: 0.3 },
  },
  channels: {
    channel_phone: { notUsed: 0.04, topBox: 0.55 },
    channel_chatbot: { notUsed: 0.14, topBox: 0.41 },
    channel_web: { notUsed: 0.03, topBox: 0.5 },
  },
};

/** Calibration of the 2024 wave: less mature, more NPS and a stronger culture, the rest a few points off 2025. */
export const TARGETS_2024: CxWaveTargets = {
  segments: {
    industry: { financial: 0.21, healthcare: 0.15, retail: 0.18, technology: 0.17, manufacturing: 0.16, public_sector: 0.13 },
    region: { americas: 0.46, emea: 0.33, apac: 0.21 },
    company_size: { size_1k: 0.44, size_5k: 0.26, size_10k: 0.3 },
    business_model: { b2b: 0.46, b2c: 0.54 },
  },
  stages: { investigate: 0.41, initiate: 0.3, mobilize: 0.18, scale: 0.09, embed: 0.02 },
  topBox: { cx_priority: 0.78, culture: 0.57, ex_cx_value: 0.83, ex_cx_effective: 0.2, ai_helpful: 0.54 },
  execSupport: { all: 0.7, leaders: 0.9, laggards: 0.58 },
  single: {
    senior_leader: { yes_dedicated: 0.27, yes_shared: 0.31, no_leader: 0.42 },
    team_size: { team_0: 0.12, team_1_5: 0.33, team_6_10: 0.2, team_11_20: 0.19, team_21: 0.16 },
    economic_value: { recognised: 0.15, estimated: 0.24, hard_to_prove: 0.16, cannot_quantify: 0.45 },
    cx_tech: { fragmented: 0.33, basic_platform: 0.37, integrated: 0.27, advanced: 0.03 },
    ai_stage: { not_started: 0.19, experimenting: 0.52, some_use: 0.21, wide_use: 0.08 },
    broken_b2b: { discover: 0.11, buy: 0.09, onboard: 0.14, use: 0.12, service: 0.45, renew: 0.09 },
    broken_b2c: { discover: 0.13, buy: 0.11, onboard: 0.09, use: 0.12, service: 0.46, renew: 0.09 },
  },
  spendIncrease: {
    spend_technology: { laggards: 0.4, middle: 0.55, leaders: 0.7 },
    spend_training: { laggards: 0.38, middle: 0.53, leaders: 0.68 },
    spend_staff: { laggards: 0.39, middle: 0.55, leaders: 0.7 },
  },
  multi: {
    team_duties: { strategy: 0.81, insights: 0.82, journeys: 0.51, voc: 0.6, training: 0.33, technology: 0.27 },
    metrics: { nps: 0.73, csat: 0.62, ces: 0.27, retention: 0.43, digital: 0.31, no_metrics: 0.04 },
    listening: { relationship: 0.77, interaction: 0.7, journey: 0.47, social: 0.3, employee: 0.37, behavioural: 0.33 },
    barriers: {
      other_priorities: 0.6,
      poor_integration: 0.45,
      exec_support: 0.44,
      unclear_roi: 0.34,
      budget: 0.31,
      skills: 0.29,
      data_access: 0.23,
      silos: 0.32,
      culture: 0.19,
      technology: 0.27,
      unclear_ownership: 0.16,
      no_barriers: 0.05,
    },
    value_obstacles: { no_metrics: 0.55, no_analysts: 0.44, no_data_link: 0.39, long_payback: 0.25 },
    ai_uses: { chatbots: 0.4, analytics: 0.27, content: 0.14, agent_assist: 0.21, none_ai: 0.26 },
    ai_policies: { security: 0.58, standards: 0.55, training: 0.35, governance: 0.26 },
  },
  channels: {
    channel_phone: { notUsed: 0.05, topBox: 0.57 },
    channel_chatbot: { notUsed: 0.18, topBox: 0.36 },
    channel_web: { notUsed: 0.03, topBox: 0.48 },
  },
};
