import type { Dictionary } from '../fr';
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

/** The English dictionary (same shape as the French reference, checked by the type). */
export const en: Dictionary = {
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
};
