/**
 * Writes everything the Python NLP training (training/nlp) reads, tokenized here with the
 * transformers.js tokenizers used at serving time, into a git-ignored folder:
 *
 *   tokenizers/{bert,roberta}/          tokenizer.json, tokenizer_config.json, special_tokens_map.json
 *   products.json                       {labels, products: [{id, label, text}]} (lib/data/flipkart.ts)
 *   products.<kind>.ids.u16             token ids with special tokens, NOT truncated, concatenated
 *   products.<kind>.offsets.u32         n + 1 offsets into ids
 *   corpus.meta.json                    document stream settings, counts, sources
 *   corpus.<kind>.ids.u16               sentence token ids (no special tokens), concatenated
 *   corpus.<kind>.sent.u32              nSentences + 1 offsets into ids
 *   corpus.<kind>.doc.u32               nDocs + 1 offsets into sentences
 *   manifest.json                       arguments + sizes (a run with the same arguments is skipped)
 *
 * Usage: npx tsx lib/nlp/cli/exportNlpData.ts [--out DIR] [--corpus-tokens N] [--heldout-docs N]
 *        [--product-share 0.5] [--seed 13] [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { datasetsDir, cacheDir } from '../../config';
import { readOptions } from '../../config/cliArgs';
import { loadFlipkart, productCategories } from '../../data/flipkart';
import { loadTokenizer, TOKENIZER_KINDS, type TokenizerKind, writeTokenizerFiles } from '../tokenizers';
import { Growable } from '../../data/growable';
import { mulberry32 } from '../../data/random';

interface Args {
  out: string;
  corpusTokens: number;
  heldoutDocs: number;
  productShare: number;
  seed: number;
  force: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    out: path.join(cacheDir(), 'nlp'),
    corpusTokens: 4_000_000,
    heldoutDocs: 2000,
    productShare: 0.5,
    seed: 13,
    force: false,
  };
  const fail = (message: string) => new Error(message);
  readOptions(
    argv,
    (a, next) => {
      if (a === '--out') args.out = path.resolve(next());
      else if (a === '--corpus-tokens') args.corpusTokens = Number(next());
      else if (a === '--heldout-docs') args.heldoutDocs = Number(next());
      else if (a === '--product-share') args.productShare = Number(next());
      else if (a === '--seed') args.seed = Number(next());
      else if (a === '--force') args.force = true;
      else throw fail(`unknown argument ${a}`);
      return true;
    },
    { fail },
  );
  return args;
}

function shuffled<T>(items: T[], rand: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function readLines(file: string): string[] {
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Splits a document into sentences at whitespace following . ! or ? (simple, deterministic). */
export function splitSentences(doc: string): string[] {
  return doc.split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
}

type U32Builder = Growable<Uint32Array>;
const u32Builder = (): U32Builder => new Growable((n) => new Uint32Array(n));

/** The token ids as u16 (an id that does not fit is an error). */
function toU16(b: U32Builder): Uint16Array {
  const ids = b.view();
  for (const id of ids) if (id > 0xffff) throw new Error(`token id ${id} does not fit in u16`);
  return Uint16Array.from(ids);
}

function writeArray(file: string, a: Uint16Array | Uint32Array): void {
  fs.writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const manifestFile = path.join(args.out, 'manifest.json');
  const key = { ...args, out: undefined, force: undefined, datasetsDir: datasetsDir(), format: 1 };
  if (!args.force && fs.existsSync(manifestFile)) {
    const old = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify(old.key) === JSON.stringify(key)) {
      console.log(`[export] ${args.out} is up to date (same arguments); skipped`);
      return;
    }
  }
  fs.mkdirSync(args.out, { recursive: true });

  const tokenizers = {} as Record<TokenizerKind, Awaited<ReturnType<typeof loadTokenizer>>>;
  for (const kind of TOKENIZER_KINDS) {
    const dir = path.join(args.out, 'tokenizers', kind);
    writeTokenizerFiles(kind, dir);
    tokenizers[kind] = await loadTokenizer(dir);
  }

  // ---- products: the single source of truth for text and label is lib/data/flipkart.ts.
  const products = loadFlipkart();
  const labels = productCategories(products);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  fs.writeFileSync(
    path.join(args.out, 'products.json'),
    JSON.stringify({ labels, products: products.map((p) => ({ id: p.id, label: labelIndex.get(p.label), text: p.text })) }),
  );
  const productStats: Record<string, unknown> = {};
  for (const kind of TOKENIZER_KINDS) {
    const ids = u32Builder();
    const offsets = u32Builder();
    offsets.push(0);
    const lengths: number[] = [];
    for (const p of products) {
      const enc = tokenizers[kind].encode(p.text); // with special tokens, no truncation
      ids.pushAll(enc);
      offsets.push(ids.length);
      lengths.push(enc.length);
    }
    writeArray(path.join(args.out, `products.${kind}.ids.u16`), toU16(ids));
    writeArray(path.join(args.out, `products.${kind}.offsets.u32`), offsets.values());
    lengths.sort((a, b) => a - b);
    productStats[kind] = {
      tokens: ids.length,
      medianLength: lengths[Math.floor(lengths.length / 2)],
      p90Length: lengths[Math.floor(lengths.length * 0.9)],
      maxLength: lengths[lengths.length - 1],
    };
  }
  console.log(`[export] ${products.length} products, ${labels.length} labels, lengths ${JSON.stringify(productStats)}`);

  // ---- corpus: a seeded stream mixing product.txt and general.txt documents.
  const corpusDir = path.join(datasetsDir(), 'corpus');
  const sources = {
    product: shuffled(readLines(path.join(corpusDir, 'product.txt.gz')), mulberry32(args.seed)),
    general: shuffled(readLines(path.join(corpusDir, 'general.txt.gz')), mulberry32(args.seed + 1)),
  };
  const pick = mulberry32(args.seed + 2);
  const cursor = { product: 0, general: 0 };
  const builders = Object.fromEntries(TOKENIZER_KINDS.map((k) => [k, { ids: u32Builder(), sent: u32Builder(), doc: u32Builder() }])) as Record<
    TokenizerKind,
    { ids: U32Builder; sent: U32Builder; doc: U32Builder }
  >;
  for (const k of TOKENIZER_KINDS) {
    builders[k].sent.push(0);
    builders[k].doc.push(0);
  }
  const docSource: number[] = []; // 0 = product, 1 = general
  let poolTokens = 0;
  while (true) {
    const heldout = docSource.length < args.heldoutDocs;
    if (!heldout && poolTokens >= args.corpusTokens) break;
    let src: 'product' | 'general' = pick() < args.productShare ? 'product' : 'general';
    if (cursor[src] >= sources[src].length) src = src === 'product' ? 'general' : 'product';
    if (cursor[src] >= sources[src].length) break; // corpus exhausted
    const doc = sources[src][cursor[src]++];
    const sentences = splitSentences(doc);
    docSource.push(src === 'product' ? 0 : 1);
    for (const kind of TOKENIZER_KINDS) {
      const b = builders[kind];
      sentences.forEach((s, i) => {
        // Byte-level BPE marks a preceding space: sentences after the first keep theirs, so the
        // concatenation equals the tokenization of the whole document.
        const text = kind === 'roberta' && i > 0 ? ' ' + s : s;
        const ids = tokenizers[kind].encode(text, { add_special_tokens: false });
        b.ids.pushAll(ids);
        b.sent.push(b.ids.length);
        if (kind === 'roberta' && !heldout) poolTokens += ids.length;
      });
      b.doc.push(b.sent.length - 1);
    }
  }
  const corpusStats: Record<string, unknown> = {};
  for (const kind of TOKENIZER_KINDS) {
    const b = builders[kind];
    writeArray(path.join(args.out, `corpus.${kind}.ids.u16`), toU16(b.ids));
    writeArray(path.join(args.out, `corpus.${kind}.sent.u32`), b.sent.values());
    writeArray(path.join(args.out, `corpus.${kind}.doc.u32`), b.doc.values());
    const docs = b.doc.values();
    const sents = b.sent.values();
    const heldoutTokens = sents[docs[Math.min(args.heldoutDocs, docs.length - 1)]];
    corpusStats[kind] = { tokens: b.ids.length, sentences: b.sent.length - 1, heldoutTokens, poolTokens: b.ids.length - heldoutTokens };
  }
  const nProduct = docSource.filter((s) => s === 0).length;
  const meta = {
    seed: args.seed,
    productShare: args.productShare,
    heldoutDocs: Math.min(args.heldoutDocs, docSource.length),
    docs: docSource.length,
    docsFromProduct: nProduct,
    docsFromGeneral: docSource.length - nProduct,
    available: { product: sources.product.length, general: sources.general.length },
    docSource,
    tokens: corpusStats,
    sentenceSplit: '(?<=[.!?])\\s+',
  };
  fs.writeFileSync(path.join(args.out, 'corpus.meta.json'), JSON.stringify(meta));
  fs.writeFileSync(
    manifestFile,
    JSON.stringify({ key, products: productStats, corpus: corpusStats, seconds: (Date.now() - t0) / 1000 }, null, 2) + '\n',
  );
  console.log(`[export] corpus: ${meta.docs} documents (${meta.heldoutDocs} held out), tokens ${JSON.stringify(corpusStats)}`);
  console.log(`[export] done in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${args.out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
