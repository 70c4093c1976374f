/** Shared UI strings (French): metadata, header, navigation, generic words. */
export const common = {
  meta: {
    title: 'Prêt à dépenser Insight',
    description: 'Aide à la décision de crédit expliquée et veille technique sur la classification de textes par Transformers.',
  },
  common: {
    skipToContent: 'Aller au contenu principal',
    language: 'Langue',
    switchTo: 'English',
    switchToLabel: 'Switch the interface to English',
    loading: 'Chargement…',
    notAvailable: 'non renseigné',
  },
  nav: {
    label: 'Navigation principale',
    home: 'Accueil',
    dashboard: 'Tableau de bord',
    model: 'Modèle',
    data: 'Données',
    watch: 'Veille',
    api: 'API',
    accounts: 'Comptes',
  },
  placeholder: {
    comingSoon: 'Cette section est en cours de construction.',
  },
} as const;
