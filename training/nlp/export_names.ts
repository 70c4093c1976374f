/**
 * Issue #18 (short inputs): token ids of each product's name alone, `productText(name, '')`, for
 * `training/nlp/grouped_study.py --models bert,roberta`. Tokenized here with transformers.js, the
 * serving tokenizer, like every other id the Python training reads (lib/nlp/cli/exportNlpData.ts).
 *
 * Reads <data>/products.json and <data>/tokenizers/{bert,roberta}/ (written by exportNlpData.ts) and
 * the names from lib/data/flipkart.ts; checks that the products are the same, in the same order;
 * writes beside them:
 *
 *   products.names.json                {ids, names} in products.json order
 *   products.<kind>.name.ids.u16       ids with special tokens, NOT truncated, concatenated
 *   products.<kind>.name.offsets.u32   n + 1 offsets into ids
 *
 * Usage: npx tsx training/nlp/export_names.ts --data DIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadFlipkart, productText } from '../../lib/data/flipkart';
import { loadTokenizer, TOKENIZER_KINDS } from '../../lib/nlp/tokenizers';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--data');
  if (i < 0 || !process.argv[i + 1]) throw new Error('usage: export_names.ts --data DIR');
  const dir = path.resolve(process.argv[i + 1]);
  const exported = JSON.parse(fs.readFileSync(path.join(dir, 'products.json'), 'utf8')) as {
    products: { id: string; text: string }[];
  };
  const products = loadFlipkart();
  if (products.length !== exported.products.length) throw new Error('products.json is stale: re-run exportNlpData.ts');
  products.forEach((p, j) => {
    const e = exported.products[j];
    if (p.id !== e.id || p.text !== e.text) throw new Error(`product ${j} differs from products.json: re-run exportNlpData.ts`);
  });
  const names = products.map((p) => productText(p.name, ''));
  fs.writeFileSync(path.join(dir, 'products.names.json'), JSON.stringify({ ids: products.map((p) => p.id), names }));
  for (const kind of TOKENIZER_KINDS) {
    const tok = await loadTokenizer(path.join(dir, 'tokenizers', kind));
    const ids: number[] = [];
    const offsets = [0];
    for (const name of names) {
      const enc = tok.encode(name); // with special tokens, no truncation (as exportNlpData.ts)
      for (const id of enc) {
        if (id > 0xffff) throw new Error(`token id ${id} does not fit in u16`);
        ids.push(id);
      }
      offsets.push(ids.length);
    }
    fs.writeFileSync(path.join(dir, `products.${kind}.name.ids.u16`), Buffer.from(Uint16Array.from(ids).buffer));
    fs.writeFileSync(path.join(dir, `products.${kind}.name.offsets.u32`), Buffer.from(Uint32Array.from(offsets).buffer));
    const lengths = offsets.slice(1).map((o, j) => o - offsets[j]).sort((a, b) => a - b);
    console.log(`[export-names] ${kind}: ${names.length} names, median ${lengths[lengths.length >> 1]} ids, max ${lengths[lengths.length - 1]}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
