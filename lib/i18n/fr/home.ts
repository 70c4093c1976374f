/** Home page strings (French). */
export const home = {
  heading: 'Prêt à dépenser Insight',
  lead: "Décider d'un crédit à la consommation et expliquer la décision au client ; suivre l'état de l'art de la classification de textes par Transformers.",
  sections: {
    dashboard: {
      title: 'Tableau de bord crédit',
      body: 'Probabilité de défaut, décision au seuil qui minimise le coût, explication locale et raisons en langage clair, comparaison avec les autres clients, simulations.',
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
      body: 'BERT contre RoBERTa : concepts, expérience de pré-entraînement et preuve de concept sur 1 050 produits Flipkart.',
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
} as const;
