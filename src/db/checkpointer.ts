import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BoostDatabase } from './connection.ts';

// In WAL mode every commit appends to the -wal file, and a checkpoint now and then copies it back into the database,
// with an fsync of each. SQLite runs that checkpoint inside whichever commit crosses wal_autocheckpoint (1,000 pages):
// about one click in a hundred then held the event loop for those fsyncs (bench/README.md). Here a worker thread with a
// connection of its own checkpoints instead, every CHECKPOINT_EVERY_MS, so no click waits on an fsync. The worker (a
// thread, a second connection, about 100 ms of CPU to start) starts once the WAL holds something worth copying: a quiet
// Boost never needs it, and closing the app's connection, the last one, checkpoints what is left.

const CHECKPOINT_EVERY_MS = 250;
/** The worker starts once the WAL file reaches this size (about 250 pages). */
const WORKER_FROM_WAL_BYTES = 1_000_000;
/** The app's own connection still checkpoints past this many WAL pages (about 40 MB): a safety net, never the rule. */
const SAFETY_NET_PAGES = 10_000;

/** Plain JavaScript run with `eval`, so the worker needs no TypeScript loader (the tests run without one). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    // PASSIVE never waits for the app's readers or writers: it copies what it can now, the rest next time.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Checkpoints once more and closes the worker's connection, if it started; resolves when the worker has ended. */
  stop(): Promise<void>;
}

/**
 * Moves the checkpoints of an open database file to a worker thread. `onFailure` hears of a checkpoint that failed; the
 * next one retries it, and past SAFETY_NET_PAGES the app's connection checkpoints by itself as before.
 */
export function checkpointInBackground(database: BoostDatabase, onFailure: (message: string) => void): Checkpointer {
  const path = database.sqlite.name;
  database.sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  let ended = Promise.resolve();
  let stopping = false;
  let worker: Worker | undefined;

  const startWorker = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, everyMs: CHECKPOINT_EVERY_MS } });
    worker.on('message', (message: { failed?: string }) => {
      if (message.failed) onFailure(message.failed);
    });
    worker.on('error', (error) => onFailure(error.message));
    worker.unref();
    const thread = worker;
    ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  };
  const watch = setInterval(() => {
    if (walBytes(path) < WORKER_FROM_WAL_BYTES) return;
    clearInterval(watch);
    startWorker();
  }, CHECKPOINT_EVERY_MS);
  watch.unref();

  return {
    stop() {
      clearInterval(watch);
      if (worker && !stopping) worker.postMessage('stop');
      stopping = true;
      return ended;
    },
  };
}

function walBytes(databasePath: string): number {
  try {
    return statSync(`${databasePath}-wal`).size;
  } catch {
    return 0;
  }
}
