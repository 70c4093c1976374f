import type { Dictionary } from '../fr';
import { common } from './common';
import { home } from './home';

/** The English dictionary (same shape as the French reference, checked by the type). */
export const en: Dictionary = {
  ...common,
  home,
};
