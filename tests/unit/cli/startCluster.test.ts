import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { workerCount } from '@/lib/cli/startCluster';

describe('start:cluster launcher', () => {
  it('starts one worker per core unless WEB_CONCURRENCY says otherwise', () => {
    expect(workerCount({}, 2)).toBe(2);
    expect(workerCount({ WEB_CONCURRENCY: '' }, 4)).toBe(4);
    expect(workerCount({ WEB_CONCURRENCY: '3' }, 2)).toBe(3);
    expect(workerCount({}, 0)).toBe(1);
  });

  it('rejects a WEB_CONCURRENCY that is not a positive integer, naming the variable', () => {
    for (const bad of ['0', '-1', '1.5', 'two']) {
      expect(() => workerCount({ WEB_CONCURRENCY: bad }, 2)).toThrow(`WEB_CONCURRENCY must be a positive integer, got "${bad}"`);
    }
  });

  it('stops with exit code 1 when workers die right after their start (no crash loop)', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('lib', 'cli', 'startCluster.ts'), '-p', '0'], {
      cwd: root,
      // No production build in this folder: the server (lib/server/start.ts) exits at once in every worker.
      env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: 'data/.cache/no-such-build', WEB_CONCURRENCY: '2' },
      encoding: 'utf8',
      timeout: 45_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('[cluster] 2 workers');
    expect(run.stderr).toMatch(/\[cluster\] worker \d+ exited \(code \d+\) \d+ s after its start: stopping/);
  });
});
