"""Fine-tuning protocol: the early-stopping slice and the epoch kept."""
import os
import tempfile
import unittest
from dataclasses import replace

import numpy as np
import torch

from training.nlp.config import FinetuneConfig
from training.nlp.finetune import inner_validation_split, train_classifier, validation_scores
from training.nlp.modeling import EncoderConfig, EncoderForPreTraining

TINY = dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
LABELS = ["a", "b", "c"]


def toy_data(n: int, seed: int):
    """Sequences whose class is given by one marker token (5, 6 or 7) among random filler tokens."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    seqs = []
    for c in y:
        body = rng.integers(10, 40, size=int(rng.integers(4, 10)))
        body[int(rng.integers(0, len(body)))] = 5 + c
        seqs.append(np.concatenate([[1], body, [2]]).astype(np.int64))
    return seqs, y


class InnerValidationSplitTest(unittest.TestCase):
    def test_stratified_disjoint_deterministic(self):
        labels = np.repeat(np.arange(7), 120)  # 840, as the 4 training folds of a CV fold
        fit, val = inner_validation_split(labels, 0.1, 13)
        self.assertEqual(len(val), 84)
        self.assertEqual(len(set(fit) & set(val)), 0)
        self.assertEqual(sorted(np.concatenate([fit, val]).tolist()), list(range(840)))
        self.assertEqual(np.bincount(labels[val]).tolist(), [12] * 7)
        fit2, val2 = inner_validation_split(labels, 0.1, 13)
        self.assertEqual(val.tolist(), val2.tolist())
        self.assertNotEqual(val.tolist(), inner_validation_split(labels, 0.1, 14)[1].tolist())


class EarlyStoppingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        cls.tmp = tempfile.TemporaryDirectory()
        cfg = EncoderConfig.bert(vocab_size=50, max_position_embeddings=16, **TINY)
        EncoderForPreTraining(cfg).save_pretrained(cls.tmp.name)
        cls.seqs, cls.y = toy_data(96, 1)
        cls.val_seqs, cls.val_y = toy_data(30, 2)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_keeps_the_best_validation_epoch(self):
        # Validation labels unrelated to the inputs: the validation score wanders, so the best epoch
        # is not the last one and restoring its weights is visible.
        noisy = np.random.default_rng(6).permutation(self.val_y)
        ft = FinetuneConfig(epochs=6, batch_size=16, lr=3e-3, patience=6)
        r = train_classifier(self.tmp.name, self.seqs, self.y, LABELS, 0, ft, seed=3,
                             val_seqs=self.val_seqs, val_labels=noisy)
        curve = r["curve"]
        self.assertLess(r["best_epoch"], 6)
        self.assertEqual(len(curve), 6)
        self.assertTrue(all("val_macro_f1" in p and "val_loss" in p for p in curve))
        best = max(curve, key=lambda p: (round(p["val_macro_f1"], 10), -p["val_loss"], -p["epoch"]))
        self.assertEqual(r["best_epoch"], best["epoch"])
        # The returned weights are those of the kept epoch, not of the last one.
        v = validation_scores(r["model"], self.val_seqs, noisy, LABELS, 0)
        self.assertAlmostEqual(v["macro_f1"], best["val_macro_f1"], places=9)
        self.assertAlmostEqual(v["loss"], best["val_loss"], places=5)

    def test_stops_after_patience_epochs_without_improvement(self):
        ft = FinetuneConfig(epochs=8, batch_size=16, lr=0.0, patience=2)  # lr 0: nothing ever improves
        r = train_classifier(self.tmp.name, self.seqs, self.y, LABELS, 0, ft, seed=3,
                             val_seqs=self.val_seqs, val_labels=self.val_y)
        self.assertEqual(r["epochs_run"], 3)
        self.assertEqual(r["best_epoch"], 1)

    def test_without_validation_runs_every_epoch(self):
        ft = replace(FinetuneConfig(epochs=3, batch_size=16, lr=1e-3), validation_fraction=0.0)
        r = train_classifier(self.tmp.name, self.seqs, self.y, LABELS, 0, ft, seed=3)
        self.assertEqual(r["epochs_run"], 3)
        self.assertNotIn("val_loss", r["curve"][-1])


if __name__ == "__main__":
    unittest.main()
