import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * How this Boost names itself in the leases it holds in the database: readable for whoever looks at the table, and
 * unique even for two instances in one process.
 */
export const newInstanceName = () => `${hostname()} (pid ${process.pid}, ${randomUUID().slice(0, 8)})`;
