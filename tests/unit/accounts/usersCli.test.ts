import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** npm run users: add (password on standard input), disable, enable, role, list; refusals exit 1, bad usage 2. */

jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function users(args: string[], input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/users.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, SQLITE_FILE: path.join(dir, 'insight.sqlite'), DATABASE_URL: '' },
  });
}

test('an account added, disabled, enabled again and given another role, as the list shows', () => {
  expect(users(['add', 'bob', '--role', 'analyst', '--name', 'Bob Ross'], 'a long enough password\n').status).toBe(0);
  expect(users(['disable', 'bob']).stdout).toContain('bob disabled');
  expect(users(['list']).stdout).toMatch(/^bob\tanalyst\tdisabled\tBob Ross\t/m);
  expect(users(['enable', 'bob']).stdout).toContain('bob enabled');
  expect(users(['role', 'bob', '--role', 'supervisor']).stdout).toContain('bob is now supervisor');
  expect(users(['list']).stdout).toMatch(/^bob\tsupervisor\tactive\tBob Ross\t/m);
});

test('an unknown login is refused (exit 1); a role that is not one, or no login, is bad usage (exit 2)', () => {
  const unknown = users(['enable', 'nobody']);
  expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringContaining('no account "nobody"')]);
  expect(users(['role', 'bob', '--role', 'boss']).status).toBe(2);
  expect(users(['disable']).status).toBe(2);
});
