/**
 * Figures quoted from the RoBERTa paper — Y. Liu, M. Ott, N. Goyal et al., « RoBERTa: A Robustly
 * Optimized BERT Pretraining Approach », arXiv:1907.11692 (2019) — with the number of the
 * table they come from. Development-set results; F1 for SQuAD, accuracy elsewhere (MNLI-m:
 * matched accuracy; STS-B: Pearson correlation; CoLA: Matthews correlation), as in the paper.
 * Row and column names are kept as the paper writes them.
 */

export interface PaperTable {
  readonly id: string;
  /** Table number in the paper. */
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly name: string; readonly values: readonly string[] }[];
}

/** Table 1 — static vs dynamic masking, BERT-base (SQuAD 2.0 F1, MNLI-m, SST-2). */
export const MASKING_TABLE: PaperTable = {
  id: 'masking',
  table: '1',
  columns: ['SQuAD 2.0', 'MNLI-m', 'SST-2'],
  rows: [
    { name: 'reference (BERT-base, Devlin et al.)', values: ['76.3', '84.3', '92.8'] },
    { name: 'static', values: ['78.3', '84.3', '92.5'] },
    { name: 'dynamic', values: ['78.7', '84.0', '92.9'] },
  ],
};

/** Table 2 — input format and next-sentence prediction, base models on BookCorpus + Wikipedia. */
export const NSP_TABLE: PaperTable = {
  id: 'nsp',
  table: '2',
  columns: ['SQuAD 1.1/2.0', 'MNLI-m', 'SST-2', 'RACE'],
  rows: [
    { name: 'SEGMENT-PAIR (+NSP)', values: ['90.4/78.7', '84.0', '92.9', '64.2'] },
    { name: 'SENTENCE-PAIR (+NSP)', values: ['88.7/76.2', '82.9', '92.1', '63.0'] },
    { name: 'FULL-SENTENCES (no NSP)', values: ['90.4/79.1', '84.7', '92.5', '64.8'] },
    { name: 'DOC-SENTENCES (no NSP)', values: ['90.6/79.7', '84.7', '92.7', '65.6'] },
  ],
};

/** Table 3 — batch size, at the same number of passes over the data (BookCorpus + Wikipedia). */
export const BATCH_TABLE: PaperTable = {
  id: 'batch',
  table: '3',
  columns: ['bsz', 'steps', 'lr', 'ppl', 'MNLI-m', 'SST-2'],
  rows: [
    { name: '256', values: ['256', '1M', '1e-4', '3.99', '84.7', '92.7'] },
    { name: '2K', values: ['2K', '125K', '7e-4', '3.68', '85.2', '92.9'] },
    { name: '8K', values: ['8K', '31K', '1e-3', '3.77', '84.6', '92.8'] },
  ],
};

/** Table 5 — GLUE development sets, single-task single models. */
export const GLUE_TABLE: PaperTable = {
  id: 'glue',
  table: '5',
  columns: ['MNLI', 'QNLI', 'QQP', 'RTE', 'SST', 'MRPC', 'CoLA', 'STS'],
  rows: [
    { name: 'BERT-large', values: ['86.6', '92.3', '91.3', '70.4', '93.2', '88.0', '60.6', '90.0'] },
    { name: 'RoBERTa', values: ['90.2', '94.7', '92.2', '86.6', '96.4', '90.9', '68.0', '92.4'] },
  ],
};

/** Pretraining data (section 3.2). */
export const DATA_SOURCES: readonly { readonly name: string; readonly gb: number; readonly bert: boolean }[] = [
  { name: 'BookCorpus + English Wikipedia', gb: 16, bert: true },
  { name: 'CC-News', gb: 76, bert: false },
  { name: 'OpenWebText', gb: 38, bert: false },
  { name: 'Stories', gb: 31, bert: false },
];

/**
 * Pretraining hyper-parameters: RoBERTa-large from Appendix Table 9; BERT from the setup the
 * RoBERTa paper describes (section 2.4) and Devlin et al. (2019) — large / base where they differ.
 * Keys name the rows in the dictionary (which also gives the units: GB, WordPiece vs byte-level BPE).
 */
export const HYPERPARAMETERS: readonly { readonly key: string; readonly bert: string; readonly roberta: string }[] = [
  { key: 'layers', bert: '24 / 12', roberta: '24' },
  { key: 'hidden', bert: '1024 / 768', roberta: '1024' },
  { key: 'ffn', bert: '4096 / 3072', roberta: '4096' },
  { key: 'heads', bert: '16 / 12', roberta: '16' },
  { key: 'batch', bert: '256', roberta: '8K' },
  { key: 'steps', bert: '1M', roberta: '500K' },
  { key: 'peakLr', bert: '1e-4', roberta: '4e-4' },
  { key: 'warmup', bert: '10K', roberta: '30K' },
  { key: 'beta2', bert: '0.999', roberta: '0.98' },
  { key: 'epsilon', bert: '1e-6', roberta: '1e-6' },
  { key: 'weightDecay', bert: '0.01', roberta: '0.01' },
  { key: 'dropout', bert: '0.1', roberta: '0.1' },
  { key: 'seqLength', bert: '128 → 512', roberta: '512' },
  { key: 'data', bert: '16', roberta: '160' },
  { key: 'vocab', bert: '30K', roberta: '50K' },
];
