import type { Dictionary } from '../fr';

/** Home page strings (English). */
export const home: Dictionary['home'] = {
  heading: 'Prêt à dépenser Insight',
  lead: 'Decide on a consumer loan and explain the decision to the client; follow the state of the art of transformer text classification.',
  sections: {
    dashboard: {
      title: 'Credit dashboard',
      body: 'Default probability, decision at the cost-minimising threshold, local explanation and plain-language reasons, comparison with other clients, what-if simulations.',
    },
    model: {
      title: 'Model',
      body: 'How the model decides overall: feature importance, curves, calibration, cost versus threshold.',
    },
    data: {
      title: 'Data',
      body: 'Provenance, sizes and column dictionary of the Home Credit data.',
    },
    watch: {
      title: 'Technology watch',
      body: 'BERT versus RoBERTa: concepts, a pretraining experiment and a proof of concept on 1,050 Flipkart products.',
    },
    api: {
      title: 'API',
      body: 'Versioned, validated and documented (OpenAPI) JSON routes for other applications.',
    },
  },
  figuresTitle: 'The data in figures',
  historicalLoans: 'historical loans (known outcome)',
  newApplications: 'new applications',
  products: 'labelled Flipkart products',
};
