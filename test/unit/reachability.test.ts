import { describe, expect, it } from 'vitest';
import { DatabaseUnavailable, isDatabaseUnreachable, Reachability } from '../../src/db/reachability.ts';

// What Boost concludes about its database from the failures it meets: an outage is said once and ends once, and a
// connection lost while the database still answers is no outage at all.

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const cut = new Error('Connection terminated unexpectedly');

/** A database whose answer to a fresh connection the test decides, with what Reachability told. */
function watched(answers: { now: boolean }) {
  const told: string[] = [];
  let backs = 0;
  let onBack: () => void = () => undefined;
  const reachability = new Reachability(
    async () => {
      if (!answers.now) throw refused;
    },
    {
      lost: (error) => told.push(`lost: ${(error as Error).message}`),
      back: () => {
        told.push('back');
        backs += 1;
        onBack();
      },
    },
    5,
  );
  const back = () =>
    new Promise<void>((resolve) => {
      if (backs > 0) resolve();
      else onBack = resolve;
    });
  return { reachability, told, back };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the reachability of the database', () => {
  it('tells a connection that could not be opened, a cut one and a pool with none free from a failed statement', () => {
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(new Error('Failed query', { cause: refused }))).toBe(true);
    expect(isDatabaseUnreachable(cut)).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnreachable(new DatabaseUnavailable())).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('canceling statement'), { code: '57014' }))).toBe(false);
  });

  it('says the database is down once when a connection cannot be opened, refuses calls at once, and says once when it is back', async () => {
    const answers = { now: false };
    const { reachability, told, back } = watched(answers);
    reachability.failed(refused);
    reachability.failed(refused);
    expect(reachability.reachable).toBe(false);
    expect(() => reachability.check()).toThrow(DatabaseUnavailable);

    answers.now = true;
    await back();
    expect(reachability.reachable).toBe(true);
    expect(() => reachability.check()).not.toThrow();
    expect(told).toEqual(['lost: connect ECONNREFUSED 127.0.0.1:5432', 'back']);
    reachability.stop();
  });

  it('takes a cut connection for no outage while a fresh one answers', async () => {
    const { reachability, told } = watched({ now: true });
    reachability.failed(cut);
    await settled();
    expect(reachability.reachable).toBe(true);
    expect(told).toEqual([]);
    reachability.stop();
  });

  it('takes a cut connection for an outage when a fresh one cannot be opened either', async () => {
    const { reachability, told } = watched({ now: false });
    reachability.failed(cut);
    await settled();
    expect(reachability.reachable).toBe(false);
    expect(told).toEqual(['lost: connect ECONNREFUSED 127.0.0.1:5432']);
    reachability.stop();
  });

  it('ignores a statement that failed for its own reasons', async () => {
    const { reachability, told } = watched({ now: false });
    reachability.failed(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await settled();
    expect(reachability.reachable).toBe(true);
    expect(told).toEqual([]);
    reachability.stop();
  });
});
