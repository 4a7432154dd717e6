import { monitorEventLoopDelay } from 'node:perf_hooks';

// What a server child reports about itself between measurements: CPU time used and how long its event loop was
// blocked, since the previous call. CPU per request does not depend on the machine being busy the way latency does.

export interface AppStats {
  cpuMs: number;
  /** Longest and 99th-percentile event loop delay, in ms (perf_hooks, 10 ms resolution). */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  heapUsedMb: number;
}

export function appStatsMeter(): () => AppStats {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const stats = {
      cpuMs: (used.user + used.system) / 1000,
      loopDelayMaxMs: delay.max / 1e6,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    };
    delay.reset();
    return stats;
  };
}
