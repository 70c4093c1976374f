"""Near-duplicate rule, groups (connected components) and grouped stratified folds (issue #18)."""
import csv
import json
import os
import tempfile
import unittest

import numpy as np

from training.nlp.groups import (jaccard, jaccard_matrix, leakage_stats, load_product_views, near_duplicate_groups,
                                 product_text, stratified_group_folds, word_ngrams)

BASE = ("sathiyas cotton bath towel of superior quality, soft and absorbent, ideal for daily use "
        "with a long lasting colour and a classic checked design for every bathroom")


def _words(n, prefix):
    return " ".join(f"{prefix}{i}" for i in range(n))


class TestRule(unittest.TestCase):
    def test_word_ngrams(self):
        self.assertEqual(word_ngrams("A b, C-d e! F"), {("a", "b", "c", "d", "e"), ("b", "c", "d", "e", "f")})
        self.assertEqual(word_ngrams("Sonata analog watch"), {("sonata", "analog", "watch")})  # < 5 tokens
        self.assertEqual(word_ngrams("  ,;  "), set())
        self.assertEqual(word_ngrams("Ceramic MUG"), word_ngrams("ceramic mug"))

    def test_identical_near_identical_unrelated(self):
        self.assertEqual(jaccard(word_ngrams(BASE), word_ngrams(BASE.upper())), 1.0)
        words = BASE.split()
        near = " ".join(words[:-1] + ["kitchen"])  # last word changed: one 5-gram of 26 differs
        n = len(word_ngrams(BASE))
        self.assertAlmostEqual(jaccard(word_ngrams(BASE), word_ngrams(near)), (n - 1) / (n + 1))
        self.assertGreaterEqual(jaccard(word_ngrams(BASE), word_ngrams(near)), 0.9)
        self.assertEqual(jaccard(word_ngrams(BASE), word_ngrams(_words(30, "x"))), 0.0)
        self.assertEqual(jaccard(set(), set()), 0.0)

    def test_matrix_equals_pairwise(self):
        texts = [BASE, BASE.replace("towel", "mat"), _words(12, "a"), _words(12, "a") + " b", "", "one two"]
        jac = jaccard_matrix(texts)
        for i in range(len(texts)):
            self.assertEqual(jac[i, i], 0.0)
            for j in range(len(texts)):
                if i != j:
                    self.assertAlmostEqual(jac[i, j], jaccard(word_ngrams(texts[i]), word_ngrams(texts[j])), places=12)

    def test_threshold_is_inclusive(self):
        a = _words(8, "w")  # 8 tokens: 4 five-grams
        b = _words(7, "w") + " other"  # its last 5-gram differs: 3 / (4 + 4 - 3)
        self.assertAlmostEqual(jaccard(word_ngrams(a), word_ngrams(b)), 0.6)
        c = _words(9, "w")  # 5 five-grams, 4 of them a's: exactly 4 / 5
        self.assertEqual(near_duplicate_groups([a, c], threshold=0.8).tolist(), [0, 0])
        self.assertEqual(near_duplicate_groups([a, c], threshold=0.81).tolist(), [0, 1])


class TestGroups(unittest.TestCase):
    def test_connected_components_are_transitive(self):
        # a ~ b and b ~ c but a !~ c: one group of three.
        a = _words(20, "t")
        b = " ".join(a.split()[3:] + _words(3, "u").split())  # a shifted by 3 words: J = 13 / 19
        c = " ".join(b.split()[3:] + _words(3, "v").split())  # b shifted by 3 words; a vs c: 10 / 22
        ja, jb = jaccard(word_ngrams(a), word_ngrams(b)), jaccard(word_ngrams(b), word_ngrams(c))
        self.assertGreaterEqual(min(ja, jb), 0.5)
        self.assertLess(jaccard(word_ngrams(a), word_ngrams(c)), 0.5)
        texts = [_words(15, "z"), a, BASE, c, b, ""]
        self.assertEqual(near_duplicate_groups(texts).tolist(), [0, 1, 2, 1, 1, 3])

    def test_empty_texts_are_not_grouped(self):
        self.assertEqual(near_duplicate_groups(["", "", " "]).tolist(), [0, 1, 2])

    def test_leakage_stats(self):
        texts = [BASE, BASE + " extra", _words(10, "q"), _words(10, "r")]
        jac = jaccard_matrix(texts)
        labels = np.array([0, 0, 1, 1])
        s = leakage_stats(jac, labels, np.array([0, 1, 0, 1]), thresholds=(0.5,))["0.5"]
        self.assertEqual(s, {"products_with_near_duplicate": 2, "with_one_in_another_fold": 2, "pairs": 1,
                             "pairs_across_folds": 1, "pairs_with_different_labels": 0})
        s = leakage_stats(jac, labels, np.array([0, 0, 1, 1]), thresholds=(0.5,))["0.5"]
        self.assertEqual(s["with_one_in_another_fold"], 0)


def _synthetic(seed=0, n_classes=7, per_class=150):
    """Labels and groups like the products': mostly singletons, a few groups of 2–21 of one label."""
    rng = np.random.default_rng(seed)
    labels, groups, g = [], [], 0
    for c in range(n_classes):
        left = per_class
        for size in rng.choice([2, 2, 3, 5, 12, 21], size=rng.integers(3, 9)):
            size = int(min(size, left))
            labels += [c] * size
            groups += [g] * size
            g, left = g + 1, left - size
        labels += [c] * left
        groups += list(range(g, g + left))
        g += left
    order = rng.permutation(len(labels))
    return np.array(labels)[order], np.array(groups)[order]


class TestFolds(unittest.TestCase):
    def test_groups_never_split_and_near_stratified(self):
        for seed in (0, 1, 2):
            labels, groups = _synthetic(seed)
            folds = stratified_group_folds(labels, groups, 5, 13)
            self.assertEqual(set(folds.tolist()), set(range(5)))
            for g in np.unique(groups):
                self.assertEqual(len(set(folds[groups == g].tolist())), 1, f"group {g} split")
            counts = np.array([np.bincount(labels[folds == f], minlength=7) for f in range(5)])
            # 30 expected per class and fold; groups move as wholes, so allow a few products.
            self.assertLessEqual(np.abs(counts - 30).max(), 4, counts)

    def test_deterministic_with_the_seed(self):
        labels, groups = _synthetic(3)
        a = stratified_group_folds(labels, groups, 5, 13)
        self.assertTrue(np.array_equal(a, stratified_group_folds(labels, groups, 5, 13)))
        self.assertFalse(np.array_equal(a, stratified_group_folds(labels, groups, 5, 14)))
        # group ids are names only: renaming them does not change the folds
        renamed = np.unique(groups, return_inverse=True)[1] * 7 + 1000
        self.assertTrue(np.array_equal(a, stratified_group_folds(labels, renamed, 5, 13)))

    def test_singletons_give_stratified_folds(self):
        labels = np.repeat(np.arange(4), 25)
        folds = stratified_group_folds(labels, np.arange(100), 5, 13)
        for f in range(5):
            self.assertEqual(np.bincount(labels[folds == f], minlength=4).tolist(), [5, 5, 5, 5])


class TestProductViews(unittest.TestCase):
    def _write(self, tmp, rows, products):
        path = os.path.join(tmp, "f.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["uniq_id", "product_name", "description", "product_category_tree"])
            w.writeheader()
            w.writerows(rows)
        with open(os.path.join(tmp, "products.json"), "w", encoding="utf-8") as f:
            json.dump({"labels": ["A", "B"], "products": products}, f)
        return path

    def test_names_aligned_with_products_json(self):
        rows = [{"uniq_id": "x1", "product_name": " Mug  Red ", "description": "A mug,\nred.", "product_category_tree": "[\"B\"]"},
                {"uniq_id": "x2", "product_name": "Watch", "description": "", "product_category_tree": "[\"A\"]"}]
        products = [{"id": "x1", "label": 1, "text": "Mug Red A mug, red."}, {"id": "x2", "label": 0, "text": "Watch"}]
        with tempfile.TemporaryDirectory() as tmp:
            v = load_product_views(tmp, self._write(tmp, rows, products))
            self.assertEqual(v.names, ["Mug Red", "Watch"])
            self.assertEqual(v.texts, ["Mug Red A mug, red.", "Watch"])
            self.assertEqual(v.labels.tolist(), [1, 0])
            products[1]["id"] = "other"
            with self.assertRaises(ValueError):
                load_product_views(tmp, self._write(tmp, rows, products))

    def test_product_text(self):
        self.assertEqual(product_text(" a\t b ", "\nc  d "), "a b c d")
        self.assertEqual(product_text("Sonata  Watch", ""), "Sonata Watch")


DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data", ".cache", "nlp", "data", "products.json")


@unittest.skipUnless(os.path.exists(DATA), "products.json not exported (npm run train:nlp)")
class TestOnTheProducts(unittest.TestCase):
    def test_issue_counts_and_no_leak(self):
        from training.nlp.data import stratified_folds

        v = load_product_views(os.path.dirname(DATA))
        jac = jaccard_matrix(v.texts)
        groups = near_duplicate_groups(v.texts, jac=jac)
        old = leakage_stats(jac, v.labels, stratified_folds(v.labels, 5, 13))
        self.assertEqual(old["0.5"]["products_with_near_duplicate"], 192)
        self.assertEqual(old["0.7"]["products_with_near_duplicate"], 90)
        self.assertEqual(old["0.5"]["with_one_in_another_fold"], 177)
        self.assertEqual(old["0.5"]["pairs_with_different_labels"], 0)
        folds = stratified_group_folds(v.labels, groups, 5, 13)
        self.assertEqual(leakage_stats(jac, v.labels, folds)["0.5"]["with_one_in_another_fold"], 0)
        self.assertEqual(len(np.unique(groups)), 914)


if __name__ == "__main__":
    unittest.main()
