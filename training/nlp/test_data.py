"""Pretraining inputs (NSP pairs, FULL-SENTENCES packing) and the shared folds / split."""
import random
import unittest

import numpy as np

from training.nlp.data import (SpecialTokens, create_nsp_dataset, create_nsp_instances, pack_full_sentences,
                               stratified_folds, take_tokens)
from training.nlp.pretrain import build_bert_instances

SP = SpecialTokens(cls=101, sep=102, pad=0, mask=103, unk=100, vocab_size=30522)


def _docs(n_docs=30, seed=0):
    """Documents whose token ids encode (document, sentence, position) so provenance is checkable."""
    rng = np.random.default_rng(seed)
    docs = []
    for d in range(n_docs):
        sents = []
        for s in range(int(rng.integers(1, 8))):
            L = int(rng.integers(3, 25))
            sents.append(np.array([1000 + d * 100 + s] * L, dtype=np.int64))
        docs.append(sents)
    return docs


def _doc_of(tok):
    return (tok - 1000) // 100


class TestNsp(unittest.TestCase):
    def test_pair_structure(self):
        docs = _docs()
        insts = create_nsp_dataset(docs, 64, 0.1, SP, random.Random(0))
        self.assertGreater(len(insts), 20)
        for inst in insts:
            ids, types = inst.input_ids.tolist(), inst.token_type_ids.tolist()
            self.assertLessEqual(len(ids), 64)
            self.assertEqual(ids[0], SP.cls)
            self.assertEqual(ids[-1], SP.sep)
            self.assertEqual(ids.count(SP.sep), 2)
            a_end = ids.index(SP.sep)
            self.assertEqual(types, [0] * (a_end + 1) + [1] * (len(ids) - a_end - 1))
            a, b = ids[1:a_end], ids[a_end + 1:-1]
            self.assertTrue(a and b)

    def test_is_next_pairs_are_contiguous_and_random_pairs_come_from_another_document(self):
        docs = _docs(seed=1)
        rng = random.Random(1)
        n_next = n_rand = 0
        for d in range(len(docs)):
            for inst in create_nsp_instances(docs, d, 64, 0.0, SP, rng):
                ids = inst.input_ids.tolist()
                a_end = ids.index(SP.sep)
                a, b = ids[1:a_end], ids[a_end + 1:-1]
                self.assertTrue(all(_doc_of(t) == d for t in a))
                if inst.is_random_next:
                    n_rand += 1
                    self.assertTrue(all(_doc_of(t) != d for t in b))
                else:
                    n_next += 1
                    self.assertTrue(all(_doc_of(t) == d for t in b))
                    # B's first sentence follows A's last sentence
                    self.assertGreaterEqual((b[0] - 1000) % 100, (a[-1] - 1000) % 100)
        self.assertGreater(n_next, 5)
        self.assertGreater(n_rand, 5)

    def test_dupes_are_differently_paired_and_deterministic(self):
        docs = _docs(seed=2)
        a = build_bert_instances(docs, 64, 0.1, 3, SP, seed=5)
        b = build_bert_instances(docs, 64, 0.1, 3, SP, seed=5)
        np.testing.assert_array_equal(a["input_ids"], b["input_ids"])
        one = build_bert_instances(docs, 64, 0.1, 1, SP, seed=5)
        self.assertGreater(len(a["input_ids"]), 2.5 * len(one["input_ids"]))
        self.assertTrue(np.all(a["lengths"] == (a["input_ids"] != SP.pad).sum(1)))
        self.assertTrue(set(np.unique(a["nsp_labels"])) <= {0, 1})


class TestFullSentences(unittest.TestCase):
    def test_packing(self):
        docs = _docs(seed=3)
        packed = pack_full_sentences(docs, 64, SP)
        self.assertEqual(packed.shape[1], 64)
        total_in = sum(len(s) for d in docs for s in d)
        body = packed[(packed != SP.pad) & (packed != SP.cls) & (packed != SP.sep)]
        self.assertEqual(len(body), total_in)  # every token used exactly once, in order
        np.testing.assert_array_equal(body, np.concatenate([s for d in docs for s in d]))
        for row in packed:
            toks = row[row != SP.pad].tolist()
            self.assertEqual(toks[0], SP.cls)
            self.assertEqual(toks[-1], SP.sep)
            # sentences are never split across sequences (all shorter than 62 here)
            inner = [t for t in toks[1:-1] if t != SP.sep]
            for s in set(inner):
                d, k = (s - 1000) // 100, (s - 1000) % 100
                self.assertEqual(inner.count(s), len(docs[d][k]))
            # a separator marks a document change inside a sequence
            for i in range(1, len(toks) - 2):
                if toks[i] != SP.sep and toks[i + 1] != SP.sep and toks[i + 1] != SP.cls:
                    self.assertEqual(_doc_of(toks[i]), _doc_of(toks[i + 1]))

    def test_long_sentence_is_chunked(self):
        docs = [[np.arange(1000, 1150)]]
        packed = pack_full_sentences(docs, 64, SP)
        self.assertEqual(len(packed), 3)
        body = packed[(packed != SP.pad) & (packed != SP.cls) & (packed != SP.sep)]
        np.testing.assert_array_equal(body, np.arange(1000, 1150))

    def test_take_tokens(self):
        docs = _docs(seed=4)
        sub = take_tokens(docs, 100)
        n = sum(len(s) for d in sub for s in d)
        self.assertGreaterEqual(n, 100)
        self.assertLess(sum(len(s) for d in sub[:-1] for s in d), 100)


class TestSplits(unittest.TestCase):
    def setUp(self):
        self.labels = np.repeat(np.arange(7), 150)

    def test_folds_stratified_and_deterministic(self):
        f = stratified_folds(self.labels, 5, 13)
        np.testing.assert_array_equal(f, stratified_folds(self.labels, 5, 13))
        self.assertEqual(set(f.tolist()), set(range(5)))
        for k in range(5):
            counts = np.bincount(self.labels[f == k], minlength=7)
            self.assertTrue(np.all(counts == 30), counts)
        self.assertFalse(np.array_equal(f, stratified_folds(self.labels, 5, 14)))


if __name__ == "__main__":
    unittest.main()
