import { randomInt, type Rng } from './random.ts';

const COMMENTS = [
  'Leadership support varies by business unit.',
  'We need better integration between our CRM and feedback tools.',
  'Budget is tight, but CX is on the agenda.',
  'Our "voice of the customer" programme is only a year old.',
  '希望明年能打通体验数据和业务数据。',
  '一线员工的授权仍然不足，需要更多培训。',
  'Closing the loop with customers is still manual, slow and inconsistent.',
  'AI pilots look promising; scaling them is the hard part.',
  '管理层很重视，但跨部门协作困难。',
  'Hard to show ROI, so CX competes with other priorities.',
];

/** A respondent id unique within the wave, such as R25-0042. */
export function respondentId(wave: string, index: number, digits: number): string {
  return `R${wave.slice(-2)}-${String(index + 1).padStart(digits, '0')}`;
}

/** A fake email address unique within the wave, such as r25-0042@example.com. */
export function fakeEmail(wave: string, index: number, digits: number): string {
  return `r${wave.slice(-2)}-${String(index + 1).padStart(digits, '0')}@example.com`;
}

/** Picks a fake comment for each respondent marked in `commenting`: its index plus one, 0 for a blank. */
export function pickComments(rng: Rng, commenting: Uint8Array): Uint8Array {
  return commenting.map((c) => (c ? randomInt(rng, 1, COMMENTS.length) : 0));
}

/** The text of a comment picked by `pickComments` (blank for 0). */
export function commentText(pick: number): string {
  return pick === 0 ? '' : COMMENTS[pick - 1]!;
}
