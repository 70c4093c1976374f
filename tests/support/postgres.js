// A throw-away PostgreSQL server for the store tests (jest globalSetup / globalTeardown).
// When TEST_DATABASE_URL is already set it is used as is. Otherwise, when Debian's PostgreSQL is
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
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
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

async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  const bin = pgBin();
  if (!bin) {
    process.env.TEST_POSTGRES_MISSING = 'PostgreSQL is not installed here (no /usr/lib/postgresql/*/bin/pg_ctl); `bash .ci/install-system` installs it';
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insight-pg-'));
  const data = path.join(dir, 'data');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.env.TEST_POSTGRES_BIN = bin;
  process.env.TEST_POSTGRES_DATA = data;
  globalThis.__insightPostgres = { bin, data, dir };
}

async function teardown() {
  const pg = globalThis.__insightPostgres;
  if (!pg) return;
  try {
    asPostgres(path.join(pg.bin, 'pg_ctl'), ['-D', pg.data, '-m', 'immediate', 'stop']);
  } finally {
    fs.rmSync(pg.dir, { recursive: true, force: true });
  }
}

module.exports = { setup, teardown };
