import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { categoryPath, loadFlipkart, parseFlipkart, productCategories } from '@/lib/data/flipkart';

describe('Flipkart products', () => {
  const products = loadFlipkart();

  test('exactly 1,050 products, 7 categories × 150', () => {
    expect(products).toHaveLength(1050);
    const counts = new Map<string, number>();
    for (const p of products) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
    expect(productCategories(products)).toEqual([
      'Baby Care',
      'Beauty and Personal Care',
      'Computers',
      'Home Decor & Festive Needs',
      'Home Furnishing',
      'Kitchen & Dining',
      'Watches',
    ]);
    expect([...counts.values()]).toEqual(Array(7).fill(150));
    expect(new Set(products.map((p) => p.id)).size).toBe(1050);
  });

  test('text = product name + description, label = first level of the tree', () => {
    const first = products[0];
    expect(first.name).toBe('Elegance Polyester Multicolor Abstract Eyelet Door Curtain');
    expect(first.label).toBe('Home Furnishing');
    expect(first.categoryPath.slice(0, 3)).toEqual(['Home Furnishing', 'Curtains & Accessories', 'Curtains']);
    expect(first.text.startsWith(`${first.name} Key Features of Elegance`)).toBe(true);
    expect(products.every((p) => !/\s{2,}/.test(p.text) && p.text.length > p.name.length)).toBe(true);
  });

  test('category path parsing', () => {
    expect(categoryPath('["Watches >> Wrist Watches >> Sonata"]')).toEqual(['Watches', 'Wrist Watches', 'Sonata']);
  });

  test('a file without the required columns fails naming them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-'));
    const file = path.join(dir, 'flipkart.csv');
    fs.writeFileSync(file, 'uniq_id,product_name\n1,x\n');
    expect(() => parseFlipkart(file)).toThrow(/flipkart\.csv:1: wrong header: missing column\(s\) product_category_tree, description/);
  });
});
