"""Masking utilities: 80/10/10 rule, special tokens never masked, static vs dynamic masks."""
import unittest

import numpy as np

from training.nlp.masking import IGNORE, Masker, dynamic_rng, mask_batch, random_non_special

SPECIALS = (0, 100, 101, 102, 103)  # BERT: PAD, UNK, CLS, SEP, MASK
MASK, VOCAB = 103, 30522


def _data(n=64, seq=128, seed=0):
    rng = np.random.default_rng(seed)
    ids = rng.integers(1000, VOCAB, size=(n, seq))
    ids[:, 0] = 101
    lengths = rng.integers(20, seq, size=n)
    for i, L in enumerate(lengths):
        ids[i, L - 1] = 102
        ids[i, L:] = 0
        ids[i, L // 2] = 102
    return ids


class TestMaskBatch(unittest.TestCase):
    def test_special_tokens_never_selected(self):
        ids = _data()
        inp, lab = mask_batch(ids, SPECIALS, MASK, VOCAB, np.random.default_rng(1))
        special = np.isin(ids, SPECIALS)
        self.assertTrue(np.all(lab[special] == IGNORE))
        self.assertTrue(np.all(inp[special] == ids[special]))
        # positions not chosen are unchanged
        self.assertTrue(np.all(inp[lab == IGNORE] == ids[lab == IGNORE]))

    def test_fifteen_percent_per_sequence(self):
        ids = _data()
        _, lab = mask_batch(ids, SPECIALS, MASK, VOCAB, np.random.default_rng(2))
        cand = (~np.isin(ids, SPECIALS)).sum(1)
        chosen = (lab != IGNORE).sum(1)
        np.testing.assert_array_equal(chosen, np.maximum(1, np.rint(cand * 0.15)))
        np.testing.assert_array_equal(lab[lab != IGNORE], ids[lab != IGNORE])

    def test_80_10_10_rule(self):
        ids = _data(n=2000, seed=3)
        inp, lab = mask_batch(ids, SPECIALS, MASK, VOCAB, np.random.default_rng(4))
        chosen = lab != IGNORE
        n = chosen.sum()
        masked = (inp[chosen] == MASK).mean()
        kept = (inp[chosen] == ids[chosen]).mean()
        replaced = 1 - masked - kept
        self.assertAlmostEqual(masked, 0.8, delta=0.01)
        self.assertAlmostEqual(kept, 0.1, delta=0.01)  # (a random draw equal to the original is ~1/30k)
        self.assertAlmostEqual(replaced, 0.1, delta=0.01)
        self.assertGreater(n, 20000)
        # random replacements are never special tokens
        rand = chosen & (inp != MASK) & (inp != ids)
        self.assertFalse(np.isin(inp[rand], SPECIALS).any())

    def test_random_non_special_is_uniform_over_the_rest(self):
        draws = random_non_special(np.random.default_rng(5), 60000, (0, 2, 3), 6)
        self.assertEqual(set(np.unique(draws)), {1, 4, 5})
        counts = np.bincount(draws, minlength=6)[[1, 4, 5]] / len(draws)
        for c in counts:
            self.assertAlmostEqual(c, 1 / 3, delta=0.01)


class TestStaticVsDynamic(unittest.TestCase):
    def setUp(self):
        self.ids = _data(n=32)
        self.rows = np.arange(8)

    def test_static_masks_identical_across_epochs(self):
        m = Masker("static", self.ids, SPECIALS, MASK, VOCAB, seed=13)
        a = m.batch(self.rows, epoch=0, batch_index=0)
        b = m.batch(self.rows, epoch=3, batch_index=7)
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])
        # rebuilding with the same seed gives the same masks (reproducible)
        m2 = Masker("static", self.ids, SPECIALS, MASK, VOCAB, seed=13)
        np.testing.assert_array_equal(m2.batch(self.rows, 0, 0)[1], a[1])

    def test_dynamic_masks_differ_across_epochs(self):
        m = Masker("dynamic", self.ids, SPECIALS, MASK, VOCAB, seed=13)
        a = m.batch(self.rows, epoch=0, batch_index=0)
        b = m.batch(self.rows, epoch=1, batch_index=0)
        self.assertFalse(np.array_equal(a[1], b[1]))
        # but are reproducible for the same (seed, epoch, batch): a resumed run sees the same masks
        c = m.batch(self.rows, epoch=0, batch_index=0)
        np.testing.assert_array_equal(a[1], c[1])
        # and keep the masking rules
        self.assertTrue(np.all(b[1][np.isin(self.ids[self.rows], SPECIALS)] == IGNORE))

    def test_dynamic_rng_streams_are_distinct(self):
        x = dynamic_rng(1, 0, 0).random(4)
        y = dynamic_rng(1, 0, 1).random(4)
        self.assertFalse(np.allclose(x, y))

    def test_unknown_mode(self):
        with self.assertRaises(ValueError):
            Masker("sometimes", self.ids, SPECIALS, MASK, VOCAB, seed=1)


if __name__ == "__main__":
    unittest.main()
