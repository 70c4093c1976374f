"""Masked-LM corruption (BERT's 80/10/10 rule) with static or dynamic masks.

``mask_batch`` is the one corruption function of every recipe, so static vs dynamic masking
differ only in *when* it is called:

* static (BERT): once, when the instances are built (the data holds several differently-paired
  duplicates, BERT's dupe_factor); the masked copies are then fed unchanged in every epoch;
* dynamic (RoBERTa): every time a sequence is fed, with a generator seeded by
  (seed, epoch, batch), so runs are reproducible and resumable (``dynamic_rng``).

Per sequence, round(mask_prob × candidates) positions (at least one) are chosen uniformly
without replacement among the non-special, non-padding tokens; each chosen position becomes
[MASK] with probability 0.8, a random non-special token with 0.1, and stays unchanged with 0.1.
Labels are the original ids at chosen positions and -100 elsewhere.
"""
from __future__ import annotations

from typing import Tuple

import numpy as np

IGNORE = -100


def special_mask(input_ids: np.ndarray, special_ids) -> np.ndarray:
    """True where the id is a special token (CLS/SEP/PAD/MASK/UNK are never selected)."""
    return np.isin(input_ids, np.asarray(special_ids, dtype=input_ids.dtype))


def mask_batch(input_ids: np.ndarray, special_ids, mask_id: int, vocab_size: int, rng: np.random.Generator,
               mask_prob: float = 0.15) -> Tuple[np.ndarray, np.ndarray]:
    """Returns (corrupted input ids, labels) for an int64 array [batch, seq] (or [seq])."""
    squeeze = input_ids.ndim == 1
    ids = np.atleast_2d(np.asarray(input_ids, dtype=np.int64))
    cand = ~special_mask(ids, special_ids)
    n_cand = cand.sum(axis=1)
    k = np.where(n_cand > 0, np.maximum(1, np.rint(n_cand * mask_prob)), 0).astype(np.int64)
    scores = rng.random(ids.shape)
    scores[~cand] = np.inf
    rank = np.argsort(np.argsort(scores, axis=1, kind="stable"), axis=1, kind="stable")
    chosen = rank < k[:, None]
    labels = np.where(chosen, ids, IGNORE)
    r = rng.random(ids.shape)
    to_mask = chosen & (r < 0.8)
    to_random = chosen & (r >= 0.8) & (r < 0.9)
    out = ids.copy()
    out[to_mask] = mask_id
    n_rand = int(to_random.sum())
    if n_rand:
        out[to_random] = random_non_special(rng, n_rand, special_ids, vocab_size)
    if squeeze:
        return out[0], labels[0]
    return out, labels


def random_non_special(rng: np.random.Generator, n: int, special_ids, vocab_size: int) -> np.ndarray:
    """``n`` ids drawn uniformly from the vocabulary minus the special tokens."""
    specials = np.sort(np.unique(np.asarray(special_ids, dtype=np.int64)))
    draw = rng.integers(0, vocab_size - len(specials), size=n)
    # shift each draw past the special ids at or below it (keeps the distribution uniform)
    for s in specials:
        draw = draw + (draw >= s)
    return draw


def dynamic_rng(seed: int, epoch: int, batch: int) -> np.random.Generator:
    """Generator for the dynamic masks of one batch: a new mask every time a sequence is fed."""
    return np.random.default_rng([seed, 7919, epoch, batch])


class Masker:
    """Feeds masked batches of a fixed array of sequences ``data`` [n, seq].

    * ``static``: every row is masked once, here, with a generator seeded by ``seed``; the
      same corrupted copy is returned every time the row is fed (in every epoch). BERT's
      ``dupe_factor`` is obtained by putting D differently-paired duplicates of the text in
      ``data`` (see pretrain.build_bert_instances), exactly as create_pretraining_data does.
    * ``dynamic``: a fresh mask each time a batch is fed, from ``dynamic_rng(seed, epoch, batch)``.
    """

    def __init__(self, mode: str, data: np.ndarray, special_ids, mask_id: int, vocab_size: int, seed: int,
                 mask_prob: float = 0.15):
        if mode not in ("static", "dynamic"):
            raise ValueError(f"masking must be static or dynamic, not {mode!r}")
        self.mode, self.data, self.seed = mode, data, seed
        self.special_ids, self.mask_id, self.vocab_size, self.mask_prob = special_ids, mask_id, vocab_size, mask_prob
        self.static = None
        if mode == "static":
            rng = np.random.default_rng([seed, 104729])
            self.static = mask_batch(data, special_ids, mask_id, vocab_size, rng, mask_prob)

    def batch(self, rows: np.ndarray, epoch: int, batch_index: int) -> Tuple[np.ndarray, np.ndarray]:
        """(inputs, labels) for the rows ``rows`` fed as batch ``batch_index`` of epoch ``epoch``."""
        if self.static is not None:
            return self.static[0][rows], self.static[1][rows]
        rng = dynamic_rng(self.seed, epoch, batch_index)
        return mask_batch(self.data[rows], self.special_ids, self.mask_id, self.vocab_size, rng, self.mask_prob)
