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

/** Node's codes, and PostgreSQL's "not accepting connections yet", for a new connection that could not be opened. */
const NOT_OPENED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P03']);
/** What pg says of a new connection that did not open in time. */
const NOT_OPENED = /Connection terminated due to connection timeout/i;
/** Node's codes for a connection that was cut. */
const CUT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** PostgreSQL's: connection exceptions (class 08), and the server shutting down (57P01, 57P02). */
const SERVER_CODES = /^(08...|57P0[12])$/;
/** What pg says, without a code, of a connection it lost or that stopped answering, or of a pool with none free. */
const CUT =
  /Connection terminated|Query read timeout|timeout exceeded when trying to connect|encountered a connection error/i;

type Finding = 'not_opened' | 'cut' | undefined;

/** What an error (or one it was caused by: drizzle wraps the driver's) says of the connection to the database. */
function findingOf(error: unknown): Finding {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseUnavailable) return 'cut';
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    const text = typeof message === 'string' ? message : '';
    if ((typeof code === 'string' && NOT_OPENED_CODES.has(code)) || NOT_OPENED.test(text)) return 'not_opened';
    if (typeof code === 'string' && (CUT_CODES.has(code) || SERVER_CODES.test(code))) return 'cut';
    if (CUT.test(text)) return 'cut';
    current = cause;
  }
  return undefined;
}

/** Whether an error means the database could not be reached (rather than a statement that failed). */
export function isDatabaseUnreachable(error: unknown): boolean {
  return findingOf(error) !== undefined;
}

export interface ReachabilityEvents {
  /** The database stopped answering (said once per outage), with what the last attempt met. */
  lost(error: unknown): void;
  /** It answers again, after being down this long (said once). */
  back(downForMs: number): void;
}

/**
 * What the last attempts found about the database. A new connection that could not be opened means it is down. A
 * connection cut, or a pool with none free, says less (one broken pooled connection is no outage: the pool replaces
 * it), so a fresh connection is tried at once, and the database is down if that fails too. While it is down, `lost`
 * has been told, `check` throws at once, and a fresh connection is tried every `retryMs` until one answers (or any
 * other call does), which `back` is told.
 */
export class Reachability {
  private downSince: number | undefined;
  /** The check in progress, after a cut connection: calls wait for its verdict rather than for a connection. */
  private checking: Promise<void> | undefined;
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

  /**
   * Runs `call` unless the database is known to be down (then rejects with DatabaseUnavailable at once). While a
   * check is in progress, waits for its verdict first: a fresh connection answers quickly, whereas the pooled ones may
   * be as dead as the one just found cut, each to be waited on in turn.
   */
  whenReachable<T>(call: () => Promise<T>): Promise<T> {
    const go = () => {
      this.check();
      return call();
    };
    if (this.checking) return this.checking.then(go);
    try {
      return go();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** An attempt failed: when for want of a connection, finds out whether the database can still be reached. */
  failed(error: unknown): void {
    if (this.stopped || this.downSince !== undefined) return;
    const finding = findingOf(error);
    if (finding === 'not_opened') {
      this.down(error);
      return;
    }
    if (finding === undefined || this.checking) return;
    this.checking = this.probe()
      .then(
        () => undefined,
        (lost: unknown) => this.down(lost),
      )
      .finally(() => {
        this.checking = undefined;
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

  private down(error: unknown): void {
    if (this.stopped || this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.events.lost(error);
    this.tryAgainLater();
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
