import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplyGate } from '../../src/slack/reply-gate.ts';

// Fake timers drive both the timers and the clock ReplyGate reads, so each step is exact.
let clock = 0;
const advance = async (ms: number) => {
  for (let i = 0; i < ms; i++) {
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
  }
};

beforeEach(() => {
  clock = 1000;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function track(gate: ReplyGate, name: string, order: string[]): Promise<void> {
  return gate.wait().then(() => {
    order.push(name);
  });
}

describe('ReplyGate', () => {
  it('lets a reply go at once when no request is arriving', async () => {
    const gate = new ReplyGate({ quietMs: 5, maxWaitMs: 1000, now: () => clock });
    const order: string[] = [];
    void track(gate, 'reply', order);
    await advance(1);
    expect(order).toEqual(['reply']);
  });

  it('holds replies while requests keep arriving, then gives them in order once it is quiet', async () => {
    const gate = new ReplyGate({ quietMs: 5, maxWaitMs: 1000, now: () => clock });
    const order: string[] = [];
    gate.requestArrived();
    for (const name of ['first', 'second', 'third']) void track(gate, name, order);
    for (let ms = 0; ms < 100; ms++) {
      gate.requestArrived();
      await advance(1);
    }
    expect(order).toEqual([]);
    expect(gate.waitingCount).toBe(3);

    await advance(10);
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('gives one turn per pass of the event loop, so a request arriving meanwhile comes first', async () => {
    const gate = new ReplyGate({ quietMs: 5, maxWaitMs: 1000, now: () => clock });
    const order: string[] = [];
    for (const name of ['first', 'second']) void track(gate, name, order);
    await vi.advanceTimersToNextTimerAsync();
    expect(order).toEqual(['first']);
    gate.requestArrived();
    await vi.advanceTimersToNextTimerAsync();
    expect(order).toEqual(['first']);
    await advance(6);
    expect(order).toEqual(['first', 'second']);
  });

  it('never holds a reply longer than maxWaitMs, however busy it stays', async () => {
    const gate = new ReplyGate({ quietMs: 5, maxWaitMs: 200, now: () => clock });
    const order: string[] = [];
    gate.requestArrived();
    void track(gate, 'early', order);
    await advance(100);
    void track(gate, 'late', order);
    for (let ms = 0; ms < 150; ms++) {
      gate.requestArrived();
      await advance(1);
    }
    // 250 ms of requests: the early reply is overdue and went; the late one has waited 150 ms and still waits.
    expect(order).toEqual(['early']);
    for (let ms = 0; ms < 60; ms++) {
      gate.requestArrived();
      await advance(1);
    }
    expect(order).toEqual(['early', 'late']);
  });

  it('lets every waiting reply go when Boost stops', async () => {
    const gate = new ReplyGate({ quietMs: 5, maxWaitMs: 1000, now: () => clock });
    const order: string[] = [];
    gate.requestArrived();
    const all = ['a', 'b', 'c'].map((name) => track(gate, name, order));
    gate.releaseAll();
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(gate.waitingCount).toBe(0);
  });
});
