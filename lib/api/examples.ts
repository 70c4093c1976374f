import { reasonCodesBody } from './resources/reasonCodes';

/**
 * Examples shown in the OpenAPI document and on /api-docs. Each one is checked against its
 * schema by tests/unit/api/openapi.test.ts, so an example cannot drift from the contract.
 * Model outputs come from a development model (quick training) and will differ from the deployed one.
 */

export const health = {
  status: 'ok',
  uptimeSeconds: 3605.2,
  models: [{ name: 'credit', loaded: true, version: '20261125-092807' }],
} as const;

export const applicationList = {
  items: [
    { id: 100020, set: 'train', target: 0 },
    { id: 100021, set: 'train', target: 0 },
    { id: 100022, set: 'train', target: 0 },
  ],
  total: 9,
  limit: 3,
  nextCursor: 'YTEuMTAwMDIy',
} as const;

const model = { name: 'credit-risk', version: '20261125-092807' } as const;

/** What a stored score and its explanation both say about the application. */
const storedScoreFields = {
  id: 100002,
  probability: 0.445,
  threshold: 0.08079,
  decision: 'refuse',
  margin: 0.507,
  scoreSource: 'out-of-fold',
  fold: 3,
  quality: { reliable: true, flags: [] },
} as const;

/** The stored explanation's reasons towards refusal, which are also its principal reasons. */
const storedRefusalReasons = [
  {
    code: 'R01',
    field: 'EXT_SOURCES_MEAN',
    label: 'Mean of external scores',
    text: "Low mean of external scores: 0.16 (clients' median: 0.52)",
    contribution: 0.5474,
    value: 0.1618,
    populationMedian: 0.524,
    displayValue: '0.16',
    displayMedian: '0.52',
    comparison: 'low',
    populationShare: null,
  },
  {
    code: 'R01',
    field: 'EXT_SOURCES_MIN',
    label: 'Lowest external score',
    text: "Low lowest external score: 0.083 (clients' median: 0.40)",
    contribution: 0.223,
    value: 0.08304,
    populationMedian: 0.4021,
    displayValue: '0.083',
    displayMedian: '0.40',
    comparison: 'low',
    populationShare: null,
  },
] as const;

/** The principal reason of each scored application: the first one's towards refusal, the second one's towards acceptance. */
const firstReasons = [
  {
    code: 'R01',
    field: 'EXT_SOURCES_MEAN',
    label: 'Mean of external scores',
    text: "Low mean of external scores: 0.26 (clients' median: 0.52)",
    contribution: 0.2925,
    value: 0.2629,
    populationMedian: 0.524,
    displayValue: '0.26',
    displayMedian: '0.52',
    comparison: 'low',
    populationShare: null,
  },
];
const secondReasons = [
  {
    code: 'A01',
    field: 'EXT_SOURCES_MEAN',
    label: 'Mean of external scores',
    text: "High mean of external scores: 0.62 (clients' median: 0.52)",
    contribution: -0.2007,
    value: 0.6222,
    populationMedian: 0.524,
    displayValue: '0.62',
    displayMedian: '0.52',
    comparison: 'high',
    populationShare: null,
  },
];

export const storedScore = {
  ...storedScoreFields,
  model,
} as const;

export const storedExplanation = {
  ...storedScoreFields,
  baseValue: -0.9812,
  contributions: [
    {
      field: 'EXT_SOURCES_MEAN',
      value: 0.1618,
      contribution: 0.5474,
    },
    {
      field: 'EXT_SOURCES_MIN',
      value: 0.08304,
      contribution: 0.223,
    },
  ],
  otherContributions: 0.7179,
  reasons: {
    towardsRefusal: storedRefusalReasons,
    towardsAcceptance: [
      {
        code: 'A06',
        field: 'CREDIT_INCOME_RATIO',
        label: 'Credit to income',
        text: "Low credit to income: 2.01 (clients' median: 3.26)",
        contribution: -0.03256,
        value: 2.008,
        populationMedian: 3.261,
        displayValue: '2.01',
        displayMedian: '3.26',
        comparison: 'low',
        populationShare: null,
      },
      {
        code: 'A07',
        field: 'ANNUITY_INCOME_RATIO',
        label: 'Annuity to income',
        text: "Low annuity to income: 12.2% (clients' median: 16.3%)",
        contribution: -0.01155,
        value: 0.122,
        populationMedian: 0.1631,
        displayValue: '12.2%',
        displayMedian: '16.3%',
        comparison: 'low',
        populationShare: null,
      },
    ],
  },
  principalReasons: storedRefusalReasons,
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
  { AMT_INCOME_TOTAL: 135000, AMT_CREDIT: 312682.5, AMT_ANNUITY: 16978.5, EXT_SOURCE_2: 0.6222 },
];

export const scoreCsv = [
  'SK_ID_CURR,NAME_CONTRACT_TYPE,AMT_INCOME_TOTAL,AMT_CREDIT,AMT_ANNUITY,DAYS_BIRTH,EXT_SOURCE_2,EXT_SOURCE_3',
  '900001,Cash loans,202500,406597.5,24700.5,-9461,0.2629,',
  '900002,,135000,312682.5,16978.5,,0.6222,',
].join('\n');

export const scoreResponse = {
  model,
  lang: 'en',
  results: [
    {
      index: 0,
      id: 900001,
      probability: 0.1129,
      threshold: 0.08079,
      decision: 'refuse',
      margin: -0.6674,
      quality: { reliable: true, flags: [] },
      explanation: {
        baseValue: -0.9812,
        contributions: [
          {
            field: 'EXT_SOURCES_MEAN',
            value: 0.2629,
            contribution: 0.2925,
          },
        ],
        otherContributions: 0.02131,
        reasons: {
          towardsRefusal: firstReasons,
          towardsAcceptance: [
            {
              code: 'A08',
              field: 'DAYS_EMPLOYED',
              label: 'Employment length',
              text: 'Employment length not provided',
              contribution: -0.06849,
              value: null,
              populationMedian: -1661,
              displayValue: '',
              displayMedian: null,
              comparison: 'missing',
              populationShare: 0.1802,
            },
          ],
        },
        principalReasons: firstReasons,
      },
    },
    {
      index: 1,
      id: null,
      probability: 0.05883,
      threshold: 0.08079,
      decision: 'accept',
      margin: -1.121,
      quality: { reliable: true, flags: [] },
      explanation: {
        baseValue: -0.9812,
        contributions: [
          {
            field: 'EXT_SOURCES_MEAN',
            value: 0.6222,
            contribution: -0.2007,
          },
        ],
        otherContributions: 0.06104,
        reasons: {
          towardsRefusal: [
            {
              code: 'R01',
              field: 'EXT_SOURCES_MISSING',
              label: 'Missing external scores',
              text: "High missing external scores: 2 (clients' median: 1)",
              contribution: 0.05333,
              value: 2,
              populationMedian: 1,
              displayValue: '2',
              displayMedian: '1',
              comparison: 'high',
              populationShare: null,
            },
          ],
          towardsAcceptance: secondReasons,
        },
        principalReasons: secondReasons,
      },
    },
  ],
};

export const whatIfRequest = { changes: { AMT_CREDIT: 300000, AMT_ANNUITY: 18000 } };

/** Two codes of the catalogue, from the catalogue itself (the answer lists them all). */
export const reasonCodes = (() => {
  const body = reasonCodesBody('en');
  return { ...body, codes: body.codes.filter((c) => c.code === 'R07' || c.code === 'A07') };
})();
