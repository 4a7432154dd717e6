import { line } from './report.ts';
import { userId } from './slack.ts';
import { median, ms, percentile, ratio } from './stats.ts';

// Two apps measured side by side on the same clicks: a warm-up on each, then rounds that alternate which goes first,
// against the same fake Slack, so that both see the same machine. The figure is the median of the rounds' p99 ratios
// (candidate / baseline), each round's ratio taken from latencies measured moments apart.

/** What one app's run of a round gives: its ack latencies and the CPU it spent per click (its work after the ack too). */
export interface SideRun {
  latencies: number[];
  cpuPerClick: number;
  /** More CPU per click, spent elsewhere for this app (a database server's), added to its own in the figures. */
  elsewhereCpuPerClick?: number;
}

/** How many clicks each side gets, and how: the same for every paired benchmark. */
export interface RoundPlan {
  rounds: number;
  perRound: number;
  warmup: number;
  concurrency: number;
}

/** 5 rounds at 50 concurrent after 1,000 warm-up clicks each: `total` measured clicks (a setting's), 2,500 unless set. */
export function roundPlan(total: string | undefined): RoundPlan {
  return { rounds: 5, perRound: Math.ceil(Number(total ?? 2500) / 5), warmup: 1000, concurrency: 50 };
}

export interface PairedRoundsOptions<Side extends string> {
  /** What is measured, for the first line; the plan follows it. */
  title: string;
  plan: RoundPlan;
  /** The baseline first, then the app measured against it; and how each is named in the table. */
  sides: readonly [baseline: Side, candidate: Side];
  labels: Record<Side, string>;
  /** The first user number of the warm-up; the rounds' users follow it, so no person clicks twice. */
  firstUser: number;
  run: (side: Side, users: string[]) => Promise<SideRun>;
  /** Called between the warm-up and the rounds (to start counting what the rounds alone do). */
  afterWarmup?: () => Promise<void>;
}

export interface PairedRounds<Side extends string> {
  /** Every measured latency of each side, all rounds together. */
  all: Record<Side, number[]>;
  /** The median of the rounds' p99 ratios, candidate over baseline. */
  medianRatio: number;
  /** The median of the rounds' CPU per click of each side, CPU spent elsewhere included. */
  cpuPerClick: Record<Side, number>;
  /** The median of the rounds' CPU per click spent elsewhere, by side (0 for none). */
  elsewhereCpuPerClick: Record<Side, number>;
}

const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => userId(from + i));

/** Runs the warm-up and the rounds, printing a line per round; returns the figures. */
export async function pairedRounds<Side extends string>(
  options: PairedRoundsOptions<Side>,
): Promise<PairedRounds<Side>> {
  const { title, plan, sides, labels, firstUser, run, afterWarmup } = options;
  const { rounds, perRound, warmup, concurrency } = plan;
  const [baseline, candidate] = sides;
  const warmupUsers = users(firstUser, warmup);
  for (const side of sides) await run(side, warmupUsers);
  await afterWarmup?.();

  const ratios: number[] = [];
  const all = { [baseline]: [], [candidate]: [] } as unknown as Record<Side, number[]>;
  const cpu = { [baseline]: [], [candidate]: [] } as unknown as Record<Side, number[]>;
  const elsewhere = { [baseline]: [], [candidate]: [] } as unknown as Record<Side, number[]>;
  line(`${title}: ${rounds} rounds of ${perRound} clicks at ${concurrency} concurrent (after ${warmup} warm-up each)`);
  const width = Math.max(...sides.map((side) => labels[side].length)) + 4;
  line(
    `round  ${'first'.padEnd(width)}` +
      [baseline, baseline, candidate, candidate]
        .map((side, i) => `${labels[side]} p${i % 2 === 0 ? 50 : 99}`.padEnd(12))
        .join('') +
      `p99 ratio  CPU/click ${labels[baseline]}, ${labels[candidate]}`,
  );
  for (let round = 0; round < rounds; round++) {
    const clicking = users(firstUser + warmup + round * perRound, perRound);
    const order = round % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
    const measured = {} as Record<Side, number[]>;
    for (const side of order) {
      const result = await run(side, clicking);
      measured[side] = result.latencies;
      all[side].push(...result.latencies);
      cpu[side].push(result.cpuPerClick);
      elsewhere[side].push(result.elsewhereCpuPerClick ?? 0);
    }
    const r = percentile(measured[candidate], 99) / percentile(measured[baseline], 99);
    ratios.push(r);
    const cpuOf = (side: Side) => {
      const there = elsewhere[side].at(-1) ?? 0;
      return `${ms(cpu[side].at(-1) ?? Number.NaN)}${there > 0 ? ` + ${ms(there)}` : ''}`;
    };
    line(
      `${String(round + 1).padEnd(7)}${labels[order[0] as Side].padEnd(width)}` +
        [baseline, baseline, candidate, candidate]
          .map((side, i) => ms(percentile(measured[side], i % 2 === 0 ? 50 : 99)).padEnd(12))
          .join('') +
        ratio(r).padEnd(11) +
        `${cpuOf(baseline)}, ${cpuOf(candidate)}`,
    );
  }
  const medianOf = (by: Record<Side, number[]>) =>
    ({ [baseline]: median(by[baseline]), [candidate]: median(by[candidate]) }) as Record<Side, number>;
  const elsewhereCpuPerClick = medianOf(elsewhere);
  const own = medianOf(cpu);
  return {
    all,
    medianRatio: median(ratios),
    cpuPerClick: {
      [baseline]: own[baseline] + elsewhereCpuPerClick[baseline],
      [candidate]: own[candidate] + elsewhereCpuPerClick[candidate],
    } as Record<Side, number>,
    elsewhereCpuPerClick,
  };
}
