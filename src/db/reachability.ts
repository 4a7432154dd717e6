// Whether the database can be reached at all, as opposed to a statement that failed. Slack wants an answer within 3
// seconds: while the database is known to be down, calls fail at once (nothing read, nothing written) instead of each
// waiting for a connection, so every delivery can be told in time that nothing was saved.

/** Thrown instead of waiting while the database cannot be reached: nothing was read or written. */
export class DatabaseUnavailable extends Error {
  constructor(cause?: unknown) {
    super('The database cannot be reached', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

/** Node's codes for a connection that could not be opened or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** PostgreSQL's: connection exceptions (class 08), and the server shutting down or not yet accepting (57P01-57P03). */
const SERVER_CODES = /^(08...|57P0[123])$/;
/** What pg says, without a code, of a connection it lost or could not get in time. */
const CUT = /Connection terminated|timeout exceeded when trying to connect|encountered a connection error/i;

/** Whether an error (or one it was caused by: drizzle wraps the driver's) means the database could not be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseUnavailable) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.test(code))) return true;
    if (typeof message === 'string' && CUT.test(message)) return true;
    current = cause;
  }
  return false;
}

export interface ReachabilityEvents {
  /** The database stopped answering (said once per outage), with what the last attempt met. */
  lost(error: unknown): void;
  /** It answers again, after being down this long (said once). */
  back(downForMs: number): void;
}

/**
 * What the last attempts found about the database. After a failure for want of a connection, a fresh connection is
 * tried at once (one broken pooled connection is no outage: the pool replaces it). If that fails too, the database is
 * down: `lost` is told, `check` throws at once, and a fresh connection is tried every `retryMs` until one answers (or
 * any other call does), which `back` is told.
 */
export class Reachability {
  private downSince: number | undefined;
  private checking = false;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly events: ReachabilityEvents,
    private readonly retryMs = 1000,
  ) {}

  get reachable(): boolean {
    return this.downSince === undefined;
  }

  /** Throws DatabaseUnavailable while the database is known to be down, so the caller does not wait for it. */
  check(): void {
    if (this.downSince !== undefined) throw new DatabaseUnavailable();
  }

  /** An attempt failed: when for want of a connection, finds out whether the database can still be reached. */
  failed(error: unknown): void {
    if (this.stopped || this.checking || this.downSince !== undefined || !isDatabaseUnreachable(error)) return;
    this.checking = true;
    this.probe()
      .then(
        () => undefined,
        (lost: unknown) => {
          if (this.stopped || this.downSince !== undefined) return;
          this.downSince = Date.now();
          this.events.lost(lost);
          this.tryAgainLater();
        },
      )
      .finally(() => {
        this.checking = false;
      });
  }

  /** An attempt reached the database. */
  answered(): void {
    if (this.downSince === undefined) return;
    const downForMs = Date.now() - this.downSince;
    this.downSince = undefined;
    clearTimeout(this.retry);
    this.events.back(downForMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private tryAgainLater(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.probe().then(
        () => this.answered(),
        () => {
          if (!this.stopped && this.downSince !== undefined) this.tryAgainLater();
        },
      );
    }, this.retryMs);
    this.retry.unref();
  }
}
