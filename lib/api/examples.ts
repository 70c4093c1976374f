/**
 * Examples shown in the OpenAPI document and on /api-docs. Each one is checked against its
 * schema by tests/unit/api/openapi.test.ts, so an example cannot drift from the contract.
 * Figures of model outputs are illustrative.
 */

export const health = {
  status: 'ok',
  uptimeSeconds: 3605.2,
  models: [{ name: 'credit', loaded: true, version: '2025-11-25.1' }],
} as const;

export const applicationList = {
  items: [
    { id: 100020, set: 'train', target: 0 },
    { id: 100021, set: 'train', target: 0 },
    { id: 100022, set: 'train', target: 0 },
  ],
  total: 10,
  limit: 3,
  nextCursor: 'YTEuMTAwMDIy',
} as const;

const model = { name: 'credit', version: '2025-11-25.1' } as const;

export const storedScore = {
  id: 100002,
  probability: 0.4123,
  threshold: 0.1,
  decision: 'refuse',
  margin: 0.84,
  model,
} as const;

export const storedExplanation = {
  id: 100002,
  probability: 0.4123,
  threshold: 0.1,
  decision: 'refuse',
  margin: 0.84,
  baseValue: -2.1,
  contributions: [
    { field: 'EXT_SOURCE_3', value: 0.1393757800997895, contribution: 0.61 },
    { field: 'EXT_SOURCE_2', value: 0.2629485927471776, contribution: 0.48 },
  ],
  otherContributions: 1.85,
  reasons: {
    towardsRefusal: [
      {
        field: 'EXT_SOURCE_3',
        label: 'External score 3',
        text: 'External score 3 is low: 0.14 (median of clients: 0.54).',
        contribution: 0.61,
        value: 0.1393757800997895,
        populationMedian: 0.54,
      },
    ],
    towardsAcceptance: [],
  },
  lang: 'en',
  model,
} as const;

export const scoreRequest = [
  {
    SK_ID_CURR: 900001,
    NAME_CONTRACT_TYPE: 'Cash loans',
    AMT_INCOME_TOTAL: 202500,
    AMT_CREDIT: 406597.5,
    AMT_ANNUITY: 24700.5,
    DAYS_BIRTH: -9461,
    EXT_SOURCE_2: 0.2629,
    EXT_SOURCE_3: null,
  },
  { AMT_INCOME_TOTAL: 135000, AMT_CREDIT: 312682.5, EXT_SOURCE_2: 0.6222 },
];

export const scoreCsv = [
  'SK_ID_CURR,NAME_CONTRACT_TYPE,AMT_INCOME_TOTAL,AMT_CREDIT,AMT_ANNUITY,DAYS_BIRTH,EXT_SOURCE_2,EXT_SOURCE_3',
  '900001,Cash loans,202500,406597.5,24700.5,-9461,0.2629,',
  '900002,,135000,312682.5,,,0.6222,',
].join('\n');

export const scoreResponse = {
  model,
  lang: 'en',
  results: [
    {
      index: 0,
      id: 900001,
      probability: 0.2312,
      threshold: 0.1,
      decision: 'refuse',
      margin: 0.12,
      explanation: {
        baseValue: -2.1,
        contributions: [{ field: 'EXT_SOURCE_2', value: 0.2629, contribution: 0.52 }],
        otherContributions: 1.7,
        reasons: {
          towardsRefusal: [
            {
              field: 'EXT_SOURCE_2',
              label: 'External score 2',
              text: 'External score 2 is low: 0.26 (median of clients: 0.57).',
              contribution: 0.52,
              value: 0.2629,
              populationMedian: 0.57,
            },
          ],
          towardsAcceptance: [],
        },
      },
    },
  ],
};

export const whatIfRequest = { changes: { AMT_CREDIT: 300000, AMT_ANNUITY: 18000 } };
