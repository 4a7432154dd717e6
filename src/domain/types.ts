import type { ParticipationRow, RequestRow } from '../db/schema.ts';

/** A boost request as stored; the schema is the single source of its shape. */
export type BoostRequest = RequestRow;
export type Participation = ParticipationRow;
export type RequestStatus = BoostRequest['status'];

/** Positive figures only: nobody is ever counted for not taking part. */
export interface Counts {
  optedIn: number;
  shared: number;
}

/** Milliseconds since the epoch; passed in so that rules never read the clock themselves. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
