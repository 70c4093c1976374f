import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The layering rule of eslint.config.mjs fails on an upward import and lets a downward one through. */

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** ESLint in a child process (its ESM configuration cannot load inside Jest's module sandbox). */
function lint(file: string, code: string): string[] {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
    {
      cwd: ROOT,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
}

describe('layers of lib/ (import/no-restricted-paths)', () => {
  test('an upward import fails: the data store importing the API, the engine importing a page view model, lib importing app', () => {
    expect(lint('lib/data/upward.ts', "import { API_ROUTES } from '../api/routes';\nexport const x = API_ROUTES;\n")).toEqual([
      expect.stringContaining('lib/data sits below'),
    ]);
    expect(
      lint('lib/credit/upward.ts', "import { monitoringPageModel } from '@/lib/dashboard/monitoringPage';\nexport const x = monitoringPageModel;\n"),
    ).toEqual([expect.stringContaining('lib/credit sits below')]);
    expect(lint('lib/api/upward.ts', "import Page from '@/app/page';\nexport const x = Page;\n")).toEqual([
      expect.stringContaining('lib/ never imports app/'),
    ]);
  });

  test('a downward import passes', () => {
    expect(
      lint('lib/api/downward.ts', "import { getHomeCreditStore } from '../data/homeCreditStore';\nexport const x = getHomeCreditStore;\n"),
    ).toEqual([]);
  });
});
