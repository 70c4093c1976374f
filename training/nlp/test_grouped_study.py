"""The grouped-folds / short-inputs study (issue #18) on a small synthetic product set."""
import unittest
from dataclasses import replace

import numpy as np

from training.nlp.config import TfidfConfig
from training.nlp.grouped_study import (SETTINGS, TEST_VIEWS, inner_search, make_folds, make_grid, render_tables,
                                        run_fold, summarize_runs, training_rows)
from training.nlp.groups import near_duplicate_groups

VOCAB = [["mug", "ceramic", "coffee", "tea", "cup"], ["watch", "analog", "strap", "dial", "wrist"],
         ["laptop", "battery", "charger", "adapter", "skin"]]
FILLER = "this product is of great quality and comes with a warranty from the seller for every buyer".split()


def _products(n_per_class=24, seed=0):
    rng = np.random.default_rng(seed)
    texts, names, labels = [], [], []
    for c, words in enumerate(VOCAB):
        for i in range(n_per_class):
            name = " ".join(rng.choice(words, 3)) + f" model{i % 6}"
            desc = " ".join(list(rng.choice(FILLER, 12)) + list(rng.choice(words, 4)))
            if i % 8 == 0 and texts:  # a near-duplicate of the previous product of the class
                name, desc = names[-1], texts[-1][len(names[-1]) + 1:] + " red"
            names.append(name)
            texts.append(f"{name} {desc}")
            labels.append(c)
    return texts, names, np.array(labels)


BASE = replace(TfidfConfig(), word_max_features=500, char_max_features=800, max_iter=300)
LABELS = ["mugs", "watches", "computers"]


class TestStudy(unittest.TestCase):
    def test_grid(self):
        grid = make_grid(TfidfConfig())
        self.assertEqual(len(grid), 24)
        self.assertEqual(grid[0], TfidfConfig())
        self.assertEqual(len(set(grid)), 24)
        self.assertEqual({g.C for g in grid}, {2.0, 20.0, 200.0})
        self.assertEqual(make_grid(BASE, quick=True)[0], BASE)

    def test_training_rows(self):
        texts, names, y = ["a b", "c d", "e f"], ["a", "c", "e"], np.array([0, 1, 2])
        rows, ry = training_rows(np.array([0, 2]), "text", texts, names, y)
        self.assertEqual((rows, ry.tolist()), (["a b", "e f"], [0, 2]))
        rows, ry = training_rows(np.array([0, 2]), "both", texts, names, y)
        self.assertEqual((rows, ry.tolist()), (["a b", "e f", "a", "e"], [0, 2, 0, 2]))

    def test_folds_and_a_fold_run(self):
        texts, names, y = _products()
        groups = near_duplicate_groups(texts)
        self.assertLess(len(np.unique(groups)), len(texts))  # the synthetic near-duplicates were grouped
        folds = make_folds("grouped", y, groups, 3, 13)
        for g in np.unique(groups):
            self.assertEqual(len(set(folds[groups == g].tolist())), 1)
        grid = [BASE, replace(BASE, C=0.01)]
        search = inner_search(np.where(folds != 0)[0], "grouped", "both", texts, names, y, groups, grid, LABELS, 13, 2)
        self.assertEqual(len(search["criterion"]), 2)
        self.assertEqual(len(search["scores"][0]["name"]), 2)
        self.assertEqual(search["chosen"], int(np.argmax(search["criterion"])))
        runs = {"grouped": {"both": [run_fold(f, folds, "grouped", "both", texts, names, y, groups, BASE, grid,
                                              LABELS, 13, 2) for f in range(3)]}}
        self.assertEqual(sorted(i for f in runs["grouped"]["both"] for i in f["test"]), list(range(len(y))))
        s = summarize_runs(runs, y, LABELS, grid)["grouped"]["both"]
        for st in SETTINGS:
            for tv in TEST_VIEWS:
                self.assertEqual(len(s[st][tv]["macro_f1"]["folds"]), 3)
                self.assertGreater(s[st][tv]["macro_f1"]["mean"], 0.5)  # separable toy classes
        table = render_tables({"tfidf": {"grouped": {"both": s}}})
        self.assertIn("trained on both views, nested search", table)
        # deterministic
        again = run_fold(0, folds, "grouped", "both", texts, names, y, groups, BASE, grid, LABELS, 13, 2)
        self.assertEqual(again["fixed"], runs["grouped"]["both"][0]["fixed"])


if __name__ == "__main__":
    unittest.main()
