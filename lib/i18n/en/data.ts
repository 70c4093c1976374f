import type { Dictionary } from '../fr';

/** Data page strings (English, same shape as the French reference). */
export const data: Dictionary['data'] = {
  title: 'Data',
  lead:
    'The Home Credit data the model learns from and every client is compared with: sizes, provenance, default rate and the column dictionary.',
  sizes: {
    heading: 'Sizes',
    caption: 'Home Credit data files: rows, columns and clients covered',
    file: 'File',
    role: 'Role',
    rows: 'Rows',
    columns: 'Columns',
    clients: 'Distinct clients',
    roles: {
      train: 'Historical loans with known outcome (TARGET): the training and comparison population',
      test: 'New applications awaiting a decision',
      dictionary: 'Column dictionary (original descriptions)',
      bureau: 'Credits reported by other institutions (partial history)',
      bureauBalance: 'Monthly balances of those credits (partial history)',
      previousApplications: 'Previous applications at Home Credit (partial history)',
      posCashBalance: 'Monthly balances of previous loans (partial history)',
      creditCardBalance: 'Monthly credit-card balances (partial history)',
    },
  },
  target: {
    heading: 'Default rate (TARGET)',
    body:
      'TARGET is 1 when the client had payment difficulties (a payment more than X days late on at least one of the first Y instalments), 0 otherwise. The full competition data has a rate of 8.07%.',
    figureTitle: 'Outcome of the historical loans',
    caption: '{defaulted} of {total} loans had payment difficulties, that is {rate}: defaults are rare, which makes the choice of threshold decisive.',
    label: 'Bar chart: number of repaid and defaulted loans',
    tableCaption: 'Number and share of historical loans by outcome',
    outcome: 'Outcome',
    count: 'Count',
    share: 'Share',
  },
  provenance: {
    heading: 'Sources and provenance',
    body:
      'Public data of the Kaggle competition “Home Credit Default Risk” (2018). The full training file has 307,511 rows; only part of it could be gathered here: real rows with the original column names and order, merged from several public copies and de-duplicated on SK_ID_CURR. Wherever two sources share a client they agree on every column. The new applications (application_test) are complete. The history tables cover only the clients of one public sample (about 4,300 historical and 4,900 new clients): too sparse to be model features, they feed a client’s history view.',
    licence:
      'The data is distributed under the Kaggle competition rules: it is read from the shared folder and never copied into the repository.',
    caption: 'Provenance of the {total} historical loans (application_train_provenance.csv), first source kept',
    source: 'Public source',
    rows: 'Rows',
    share: 'Share',
  },
  dictionary: {
    heading: 'Column dictionary',
    lead:
      'Every column of the applications: label, original description, type, missing rate in the historical loans and the new applications, and a preview of its distribution.',
    searchLabel: 'Search a column',
    searchHint: 'Name, label or a word of the description',
    submit: 'Filter',
    count: '{shown} of {total} columns',
    none: 'No column matches “{q}”.',
    caption: 'Column dictionary of the credit applications',
    column: 'Column',
    label: 'Label',
    description: 'Description',
    type: 'Type',
    missing: 'Missing (historical / new)',
    preview: 'Distribution (historical loans)',
    numeric: 'numeric',
    categorical: 'categorical',
    target: 'target',
    previewNumeric: 'Histogram from {min} to {max}, median {median}',
    previewCategorical: 'Most frequent values: {top}',
    previewEmpty: 'No known value',
  },
};
