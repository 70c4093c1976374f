/** Types of tests/support/postgres.js for the TypeScript specs and benchmarks. */
export interface ThrowawayPostgres {
  readonly url: string;
  readonly port: number;
  readonly bin: string;
  readonly data: string;
  readonly dir: string;
  /** `pg_ctl stop -m fast`: the server is down, its data kept. */
  pause(): void;
  /** Starts it again on the same port and data folder. */
  resume(): void;
  /** Stops it (immediate) and deletes its folder. */
  stop(): void;
}
export function startThrowawayPostgres(options?: { maxConnections?: number }): Promise<ThrowawayPostgres | undefined>;
export function setup(): Promise<void>;
export function teardown(): Promise<void>;
