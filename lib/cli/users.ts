/**
 * npm run users -- add <login> --role analyst|supervisor|admin [--name "Display Name"]
 *                                     (the password is read from standard input, first line)
 * npm run users -- list
 * npm run users -- disable <login>  |  enable <login>  |  role <login> --role analyst|supervisor|admin
 *
 * Manages the people who sign in, in the configured store (DATABASE_URL, else SQLITE_FILE).
 * Exit codes: 0 done, 1 refused (invalid input, unknown login), 2 store unavailable or usage.
 */
import { addAccount, AccountError, disableAccount, enableAccount, isRole, listAccounts, ROLES, setAccountRole } from '../accounts/accounts';
import { exitOnInvalidConfig } from '../config/env';
import { openStore } from '../store/database';

const USAGE = `usage: npm run users -- add <login> --role ${ROLES.join('|')} [--name "Display Name"]  (password on standard input)
       npm run users -- list
       npm run users -- disable <login>
       npm run users -- enable <login>
       npm run users -- role <login> --role ${ROLES.join('|')}`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters, one line): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const config = exitOnInvalidConfig();
  const [command, login] = args;
  if (!['add', 'list', 'disable', 'enable', 'role'].includes(command ?? '') || (command !== 'list' && !login)) {
    console.error(USAGE);
    return 2;
  }
  const role = option(args, '--role');
  if ((command === 'add' || command === 'role') && (!role || !isRole(role))) {
    console.error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    if (command === 'list') {
      for (const a of await listAccounts(store))
        console.log(`${a.login}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}\t${a.displayName}\t${a.createdAt}`);
      return 0;
    }
    if (command === 'disable' || command === 'enable' || command === 'role') {
      const found =
        command === 'disable'
          ? await disableAccount(store, login)
          : command === 'enable'
            ? await enableAccount(store, login)
            : await setAccountRole(store, login, role as (typeof ROLES)[number]);
      if (!found) {
        console.error(`[users] no account "${login}"`);
        return 1;
      }
      console.log(`[users] ${login} ${command === 'disable' ? 'disabled (sessions ended)' : command === 'enable' ? 'enabled' : `is now ${role}`}`);
      return 0;
    }
    const password = await readPassword();
    const account = await addAccount(store, { login, role: role as (typeof ROLES)[number], displayName: option(args, '--name'), password });
    console.log(`[users] ${account.login} added as ${account.role} (${store.location})`);
    return 0;
  } catch (err) {
    if (err instanceof AccountError) {
      console.error(`[users] ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[users] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
