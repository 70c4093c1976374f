// A throw-away PostgreSQL server for the store tests (jest globalSetup / globalTeardown) and for
// the specs and benchmarks that need one of their own (startThrowawayPostgres).
// When TEST_DATABASE_URL is already set, jest uses it as is. Otherwise, when Debian's PostgreSQL is
// installed (.ci/install-system installs it), a fresh cluster is created in a temporary folder
// (as the postgres user when running as root: initdb refuses root), started on a free local
// port with fsync off, and dropped at the end. Without PostgreSQL the PostgreSQL half of the
// store tests says so and is skipped (CI always has it).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

function pgBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asPostgres(bin, args) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) return execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  return execFileSync(bin, args, { stdio: 'pipe' });
}

/**
 * Creates and starts a fresh cluster in a temporary folder; undefined when PostgreSQL is not
 * installed. Returns its URL and: stop() (stops it and deletes the folder), pause() (a fast
 * shutdown, `pg_ctl stop -m fast`: the server is down, its data kept) and resume() (starts it again
 * on the same port and data folder).
 */
async function startThrowawayPostgres(options = {}) {
  const bin = pgBin();
  if (!bin) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-pg-'));
  const data = path.join(dir, 'data');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  const maxConnections = options.maxConnections ?? 200;
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const pgCtl = path.join(bin, 'pg_ctl');
  const start = () =>
    asPostgres(pgCtl, [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${maxConnections}`,
      'start',
    ]);
  start();
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    bin,
    data,
    dir,
    pause() {
      asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume() {
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // already stopped (paused)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await startThrowawayPostgres();
  if (!pg) {
    process.env.TEST_POSTGRES_MISSING =
      'PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin/pg_ctl); `bash .ci/install-system` installs it';
    return;
  }
  process.env.TEST_DATABASE_URL = pg.url;
  process.env.TEST_POSTGRES_BIN = pg.bin;
  process.env.TEST_POSTGRES_DATA = pg.data;
  globalThis.__insightPostgres = pg;
}

async function teardown() {
  const pg = globalThis.__insightPostgres;
  if (!pg) return;
  pg.stop();
}

module.exports = { setup, teardown, startThrowawayPostgres };
