import fs from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { appConfig } from '../config/env';

/**
 * The two real tokenizers of the technology watch, loaded with transformers.js from local files
 * only (no model hub): bert-base-uncased WordPiece and roberta-base byte-level BPE.
 *
 * Training and serving use the same code path: `lib/nlp/cli/exportNlpData.ts` tokenizes the
 * products and the pretraining corpus with these tokenizers and hands the ids to Python, so the
 * ids a model was trained on are exactly the ids transformers.js produces at serving time.
 */

export type TokenizerKind = 'bert' | 'roberta';
export const TOKENIZER_KINDS: readonly TokenizerKind[] = ['bert', 'roberta'];

/** Name of the original model each tokenizer comes from (folder name under the tokenizers dir). */
export const TOKENIZER_SOURCE: Record<TokenizerKind, string> = {
  bert: 'bert-base-uncased',
  roberta: 'roberta-base',
};

/** `$TOKENIZERS_DIR`, else `<DATASETS_DIR>/../tokenizers`. */
export function tokenizersDir(): string {
  return appConfig().tokenizersDir;
}

export function tokenizerSourceDir(kind: TokenizerKind, dir: string = tokenizersDir()): string {
  return path.join(/*turbopackIgnore: true*/ dir, TOKENIZER_SOURCE[kind]);
}

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

/**
 * roberta-base's tokenizer.json (as the Hugging Face `tokenizers` library writes it) built from
 * vocab.json and merges.txt: byte-level BPE, no normalizer, ByteLevel pre-tokenizer without
 * prefix space, RobertaProcessing post-processor (`<s> A </s>` / `<s> A </s></s> B </s>`).
 */
export function buildRobertaTokenizerJson(sourceDir: string): Json {
  const vocab = readJson(path.join(sourceDir, 'vocab.json')) as Record<string, number>;
  const merges = fs
    .readFileSync(path.join(sourceDir, 'merges.txt'), 'utf8')
    .split('\n')
    .filter((line, i) => line.length > 0 && !(i === 0 && line.startsWith('#version')));
  const special = (content: string, lstrip = false) => ({
    id: vocab[content],
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: content !== '<mask>',
    special: true,
  });
  for (const t of ['<s>', '<pad>', '</s>', '<unk>', '<mask>']) {
    if (vocab[t] === undefined) throw new Error(`${sourceDir}/vocab.json has no ${t}`);
  }
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special('<s>'), special('<pad>'), special('</s>'), special('<unk>'), special('<mask>', true)],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', vocab['</s>']],
      cls: ['<s>', vocab['<s>']],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}

/** tokenizer_config.json of the original models, with `model_max_length` overridable. */
export function tokenizerConfig(kind: TokenizerKind, modelMaxLength: number): Json {
  if (kind === 'bert') {
    return {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      do_basic_tokenize: true,
      tokenize_chinese_chars: true,
      strip_accents: null,
      never_split: null,
      clean_up_tokenization_spaces: true,
      model_max_length: modelMaxLength,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      mask_token: '[MASK]',
      unk_token: '[UNK]',
    };
  }
  return {
    tokenizer_class: 'RobertaTokenizer',
    add_prefix_space: false,
    trim_offsets: true,
    errors: 'replace',
    clean_up_tokenization_spaces: true,
    model_max_length: modelMaxLength,
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    cls_token: '<s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    mask_token: '<mask>',
  };
}

/**
 * Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json for `kind` into
 * `outDir` (bert: the original tokenizer.json; roberta: built from vocab.json + merges.txt).
 */
export function writeTokenizerFiles(kind: TokenizerKind, outDir: string, modelMaxLength = 512, sourceDir = tokenizerSourceDir(kind)): void {
  fs.mkdirSync(outDir, { recursive: true });
  const tokenizerJson = kind === 'bert' ? readJson(path.join(sourceDir, 'tokenizer.json')) : buildRobertaTokenizerJson(sourceDir);
  fs.writeFileSync(path.join(outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  fs.writeFileSync(path.join(outDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig(kind, modelMaxLength), null, 2) + '\n');
  const specials =
    kind === 'bert'
      ? { cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' }
      : { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', sep_token: '</s>', pad_token: '<pad>', cls_token: '<s>', mask_token: '<mask>' };
  fs.writeFileSync(path.join(outDir, 'special_tokens_map.json'), JSON.stringify(specials, null, 2) + '\n');
}

/** Makes transformers.js read local files only, relative to `root`. */
export function localModelsOnly(root: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root.endsWith(path.sep) ? root : root + path.sep;
}

/**
 * Loads the tokenizer whose tokenizer.json + tokenizer_config.json are in `dir` (a model folder
 * such as models/nlp/bert, or a folder written by writeTokenizerFiles), local files only.
 */
export async function loadTokenizer(dir: string): Promise<PreTrainedTokenizer> {
  const abs = path.resolve(dir);
  localModelsOnly(path.dirname(abs));
  return AutoTokenizer.from_pretrained(path.basename(abs), { local_files_only: true });
}
