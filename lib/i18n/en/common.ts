import type { Dictionary } from '../fr';

/** Shared UI strings (English). */
export const common: Pick<Dictionary, 'meta' | 'common' | 'nav' | 'placeholder'> = {
  meta: {
    title: 'Prêt à dépenser Insight',
    description: 'Explained credit decision support and a technology watch on transformer text classifiers.',
  },
  common: {
    skipToContent: 'Skip to main content',
    language: 'Language',
    switchTo: 'Français',
    switchToLabel: "Passer l'interface en français",
    loading: 'Loading…',
    notAvailable: 'not provided',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
    dashboard: 'Dashboard',
    model: 'Model',
    data: 'Data',
    watch: 'Tech watch',
    api: 'API',
    accounts: 'Accounts',
  },
  placeholder: {
    comingSoon: 'This section is under construction.',
  },
};
