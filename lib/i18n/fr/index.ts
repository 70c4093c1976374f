import { accounts } from './accounts';
import { apiDocs } from './apiDocs';
import { common } from './common';
import { dashboard } from './dashboard';
import { decisions } from './decisions';
import { data } from './data';
import { home } from './home';
import { model } from './model';
import { monitoring } from './monitoring';
import { watch } from './watch';

/**
 * The French dictionary — the reference. Each section lives in its own file of this folder;
 * every user-facing string of the pages comes from here (or from ../en with the same shape).
 */
export const fr = {
  ...common,
  home,
  dashboard,
  decisions,
  accounts,
  model,
  monitoring,
  data,
  apiDocs,
  watch,
} as const;

/** Shape of a dictionary: the French reference's keys, any strings as values. */
type Widen<T> = T extends string ? string : T extends readonly (infer U)[] ? readonly Widen<U>[] : { [K in keyof T]: Widen<T[K]> };
export type Dictionary = Widen<typeof fr>;
