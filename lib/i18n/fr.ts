/**
 * French UI strings — the reference dictionary. Every user-facing string of the pages lives
 * here (and in en.ts with the same shape); components never hard-code text.
 */
export const fr = {
  meta: {
    title: 'Prêt à dépenser Insight',
    description: "Aide à la décision de crédit expliquée et veille technique sur la classification de textes par Transformers.",
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
  },
  home: {
    heading: 'Prêt à dépenser Insight',
    lead:
      "Décider d'un crédit à la consommation et expliquer la décision au client ; suivre l'état de l'art de la classification de textes par Transformers.",
    sections: {
      dashboard: {
        title: 'Tableau de bord crédit',
        body: "Probabilité de défaut, décision au seuil qui minimise le coût, explication locale et raisons en langage clair, comparaison avec les autres clients, simulations.",
      },
      model: {
        title: 'Modèle',
        body: 'Comment le modèle décide globalement : importance des variables, courbes, calibration, coût selon le seuil.',
      },
      data: {
        title: 'Données',
        body: 'Provenance, tailles et dictionnaire des colonnes des données Home Credit.',
      },
      watch: {
        title: 'Veille technique',
        body: "BERT contre RoBERTa : concepts, expérience de pré-entraînement et preuve de concept sur 1 050 produits Flipkart.",
      },
      api: {
        title: 'API',
        body: 'Routes JSON versionnées, validées et documentées (OpenAPI) pour les autres applications.',
      },
    },
    figuresTitle: 'Les données en chiffres',
    historicalLoans: 'prêts historiques (avec issue connue)',
    newApplications: 'nouvelles demandes',
    products: 'produits Flipkart étiquetés',
  },
  placeholder: {
    comingSoon: 'Cette section est en cours de construction.',
  },
} as const;

/** Shape of a dictionary: same keys as the French reference, any strings as values. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Dictionary = Widen<typeof fr>;
