/** A command line a CLI cannot run: its message ('' for --help) goes before the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Reads a command line's options in order: `option(name, value)` handles one, `value()` taking the next argument as its
 * value, and answers false for a name it does not know. A missing value (an empty one too, with `emptyIsMissing`), an
 * unknown option, and --help or -h (no message: the usage alone) throw `fail(message)`, a UsageError unless told.
 */
export function readOptions(
  argv: readonly string[],
  option: (name: string, value: () => string) => boolean,
  { fail = (message: string): Error => new UsageError(message), emptyIsMissing = false } = {},
): void {
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || (emptyIsMissing && v === '')) throw fail(`${name} needs a value`);
      return v;
    };
    if (!option(name, value)) throw fail(name === '--help' || name === '-h' ? '' : `unknown option ${name}`);
  }
}

/** An option's value that must be a whole number from `min` to `max`, else a UsageError saying `message`. */
export function integerOption(text: string, min: number, max: number, message: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(message);
  return n;
}
