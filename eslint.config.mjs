import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * The layers of lib/ (docs/ARCHITECTURE.md): each folder may import the ones below it, never the
 * ones above. `from` lists, for each `target`, the folders it must not import.
 */
const ABOVE = {
  config: [
    'data',
    'i18n',
    'charts',
    'store',
    'credit',
    'analysis',
    'monitoring',
    'decisions',
    'nlp',
    'dashboard',
    'api',
    'server',
    'cli',
    'accounts',
  ],
  i18n: ['data', 'charts', 'store', 'credit', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  // Shared view primitives (chart specification, layout, palette) for every page's view model: nothing of the domain.
  charts: ['data', 'store', 'credit', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  // The decision store (SQLite / PostgreSQL): only the configuration below it.
  store: ['data', 'i18n', 'charts', 'credit', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  data: ['store', 'charts', 'credit', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  credit: ['store', 'charts', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  analysis: ['store', 'charts', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  monitoring: ['store', 'charts', 'analysis', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli', 'accounts'],
  // People who sign in (accounts, sessions): the store below.
  accounts: ['data', 'i18n', 'charts', 'credit', 'analysis', 'monitoring', 'decisions', 'nlp', 'dashboard', 'api', 'server', 'cli'],
  // Human decisions: the credit engine, the analyses and the store below; never the pages or the API.
  decisions: ['charts', 'monitoring', 'nlp', 'dashboard', 'api', 'server', 'cli'],
  // The technology watch: its models, data and page view model; its API contract lives in lib/api.
  nlp: ['store', 'accounts', 'decisions', 'dashboard', 'api', 'server', 'cli'],
  dashboard: ['api', 'server', 'cli'],
  api: ['dashboard', 'server', 'cli'],
  server: ['dashboard', 'cli'],
  cli: ['dashboard', 'api', 'server'],
};

export const layerZones = [
  { target: './lib', from: './app', message: 'lib/ never imports app/ (app translates HTTP and props; lib holds the domain).' },
  ...Object.entries(ABOVE).map(([target, above]) => ({
    target: `./lib/${target}`,
    from: above.map((f) => `./lib/${f}`),
    message: `lib/${target} sits below these folders and must not import them (layers: docs/ARCHITECTURE.md).`,
  })),
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      'data/**',
      'models/**',
      'training/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    // Root tool configs are CommonJS.
    files: ['*.js', 'tests/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'import/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
];

export default config;
