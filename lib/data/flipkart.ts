import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { datasetsDir } from '../config';
import { DATASET_FILES, datasetPath } from './datasetFiles';
import { DatasetError } from './errors';

/**
 * The 1,050 labelled Flipkart products: text = product name + description, label = first
 * level of product_category_tree (7 categories × 150).
 */

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The classifier's input: name and description joined, whitespace collapsed. */
  readonly text: string;
  readonly label: string;
  readonly categoryPath: readonly string[];
}

const REQUIRED_COLUMNS = ['uniq_id', 'product_name', 'product_category_tree', 'description'] as const;

/** The one definition of a product's text, shared by training exports and serving. */
export function productText(name: string, description: string): string {
  return `${name} ${description}`.replace(/\s+/g, ' ').trim();
}

/** `["A >> B >> C"]` → ["A", "B", "C"]. */
export function categoryPath(tree: string): string[] {
  const inner = tree.trim().replace(/^\["?/, '').replace(/"?\]$/, '');
  return inner
    .split('>>')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function parseFlipkart(filePath: string): Product[] {
  const file = path.basename(filePath);
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(filePath, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) throw new DatasetError(file, `unterminated quoted field (${quote.message}) in record ${(quote.row ?? 0) + 1}`);
  const fields = parsed.meta.fields ?? [];
  const absent = REQUIRED_COLUMNS.filter((c) => !fields.includes(c));
  if (absent.length > 0) throw new DatasetError(file, `wrong header: missing column(s) ${absent.join(', ')}`, 1);
  const mismatch = parsed.errors.find((e) => e.type === 'FieldMismatch');
  if (mismatch) throw new DatasetError(file, `${mismatch.message} in record ${(mismatch.row ?? 0) + 1}`);
  return parsed.data.map((row, i) => {
    const pathParts = categoryPath(row.product_category_tree ?? '');
    if (pathParts.length === 0) throw new DatasetError(file, `record ${i + 1} has no product_category_tree`);
    const name = (row.product_name ?? '').trim();
    const description = (row.description ?? '').trim();
    return { id: row.uniq_id, name, description, text: productText(name, description), label: pathParts[0], categoryPath: pathParts };
  });
}

let cached: Product[] | undefined;

export function loadFlipkart(dir: string = datasetsDir()): Product[] {
  if (dir !== datasetsDir()) return parseFlipkart(datasetPath(DATASET_FILES.flipkart, dir));
  cached ??= parseFlipkart(datasetPath(DATASET_FILES.flipkart, dir));
  return cached;
}

/** Category names in a fixed order (sorted), the label index space of every NLP model. */
export function productCategories(products: readonly Product[]): string[] {
  return [...new Set(products.map((p) => p.label))].sort();
}
