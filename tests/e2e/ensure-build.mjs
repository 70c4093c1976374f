// Builds the production app before the page tests when there is no build, or when a source
// file is newer than it, so `npm test` always exercises the current code.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const buildId = path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
const SOURCES = ['app', 'lib', 'models', 'public', 'next.config.js', 'package-lock.json', 'instrumentation.ts'];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const source = Math.max(...SOURCES.map(newestMtime));
if (built === 0 || source > built) {
  console.log(built === 0 ? '[e2e] no production build: building' : '[e2e] sources changed since the last build: rebuilding');
  execSync('npm run build', { stdio: 'inherit' });
} else {
  console.log('[e2e] production build is up to date');
}
