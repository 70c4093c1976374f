"""Reading what lib/nlp/cli/exportNlpData.ts wrote, and building the pretraining inputs.

Tokenization never happens in Python: the ids come from transformers.js (the serving tokenizer),
so training and serving see the same ids by construction. This module only slices them:

* products: ids with special tokens, truncated like transformers.js (``ids[:max_len]``);
* corpus: documents → sentences → ids, split into a held-out slice and the pretraining pool;
* ``pack_full_sentences``: RoBERTa's FULL-SENTENCES inputs;
* ``create_nsp_instances``: BERT's segment pairs (port of ``create_pretraining_data.py``);
* ``stratified_folds``: the stratified folds used before issue #18 (grouped_study.py's ``stratified`` scheme); the grouped
  folds and the served models' split are in groups.py / pipeline.py.
"""
from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np


@dataclass(frozen=True)
class SpecialTokens:
    """Ids of the special tokens of one tokenizer (read from its tokenizer.json)."""

    cls: int
    sep: int
    pad: int
    mask: int
    unk: int
    vocab_size: int

    @property
    def all(self) -> Tuple[int, ...]:
        return tuple(sorted({self.cls, self.sep, self.pad, self.mask, self.unk}))


def load_special_tokens(tokenizer_dir: str) -> SpecialTokens:
    with open(os.path.join(tokenizer_dir, "tokenizer.json"), encoding="utf-8") as f:
        tok = json.load(f)
    added = {t["content"]: t["id"] for t in tok["added_tokens"]}
    vocab = tok["model"]["vocab"]
    vocab_size = max(max(vocab.values()), max(added.values())) + 1
    if "[CLS]" in added:
        return SpecialTokens(cls=added["[CLS]"], sep=added["[SEP]"], pad=added["[PAD]"], mask=added["[MASK]"],
                             unk=added["[UNK]"], vocab_size=vocab_size)
    return SpecialTokens(cls=added["<s>"], sep=added["</s>"], pad=added["<pad>"], mask=added["<mask>"],
                         unk=added["<unk>"], vocab_size=vocab_size)


def _read(path: str, dtype) -> np.ndarray:
    return np.fromfile(path, dtype=dtype)


# --------------------------------------------------------------------------- products


@dataclass
class Products:
    ids: List[str]
    texts: List[str]
    labels: np.ndarray  # int64 label index (order of ``label_names``)
    label_names: List[str]
    tokens: List[np.ndarray]  # full token ids with special tokens (not truncated)

    def truncated(self, max_len: int) -> List[np.ndarray]:
        """transformers.js ``tokenizer(text, {truncation: true, max_length})`` keeps the first
        ``max_length`` ids of the encoded sequence (special tokens included), so a truncated
        text ends without [SEP] / </s>. Training uses exactly those ids."""
        return [t[:max_len] for t in self.tokens]


def load_products(data_dir: str, kind: str) -> Products:
    with open(os.path.join(data_dir, "products.json"), encoding="utf-8") as f:
        d = json.load(f)
    ids = _read(os.path.join(data_dir, f"products.{kind}.ids.u16"), np.uint16).astype(np.int64)
    off = _read(os.path.join(data_dir, f"products.{kind}.offsets.u32"), np.uint32).astype(np.int64)
    prods = d["products"]
    if len(off) != len(prods) + 1:
        raise ValueError("products.json and token offsets disagree; re-run exportNlpData")
    return Products(
        ids=[p["id"] for p in prods],
        texts=[p["text"] for p in prods],
        labels=np.array([p["label"] for p in prods], dtype=np.int64),
        label_names=list(d["labels"]),
        tokens=[ids[off[i]:off[i + 1]] for i in range(len(prods))],
    )


# --------------------------------------------------------------------------- corpus


@dataclass
class Corpus:
    """Documents as lists of sentence id arrays (no special tokens), in stream order."""

    docs: List[List[np.ndarray]]
    heldout_docs: int
    source: List[int]  # 0 = product.txt, 1 = general.txt

    @property
    def heldout(self) -> List[List[np.ndarray]]:
        return self.docs[: self.heldout_docs]

    @property
    def pool(self) -> List[List[np.ndarray]]:
        return self.docs[self.heldout_docs:]


def load_corpus(data_dir: str, kind: str) -> Corpus:
    with open(os.path.join(data_dir, "corpus.meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    ids = _read(os.path.join(data_dir, f"corpus.{kind}.ids.u16"), np.uint16).astype(np.int64)
    sent = _read(os.path.join(data_dir, f"corpus.{kind}.sent.u32"), np.uint32).astype(np.int64)
    doc = _read(os.path.join(data_dir, f"corpus.{kind}.doc.u32"), np.uint32).astype(np.int64)
    docs = []
    for d in range(len(doc) - 1):
        sents = [ids[sent[s]:sent[s + 1]] for s in range(doc[d], doc[d + 1])]
        docs.append([s for s in sents if len(s) > 0])  # a sentence can tokenize to nothing
    return Corpus(docs=docs, heldout_docs=int(meta["heldoutDocs"]), source=list(meta["docSource"]))


def count_tokens(docs: Sequence[Sequence[np.ndarray]]) -> int:
    return int(sum(len(s) for d in docs for s in d))


def take_tokens(docs: Sequence[Sequence[np.ndarray]], n_tokens: int) -> List[Sequence[np.ndarray]]:
    """The shortest prefix of ``docs`` holding at least ``n_tokens`` tokens."""
    out, total = [], 0
    for d in docs:
        if total >= n_tokens:
            break
        out.append(d)
        total += sum(len(s) for s in d)
    return out


# --------------------------------------------------------------------------- RoBERTa inputs


def pack_full_sentences(docs: Sequence[Sequence[np.ndarray]], max_len: int, sp: SpecialTokens) -> np.ndarray:
    """RoBERTa's FULL-SENTENCES: whole sentences taken contiguously from one or more documents
    until ``max_len`` (``<s> ... </s>``) would be exceeded; an extra separator token marks a
    document boundary inside a sequence. A sentence longer than a sequence is cut in chunks.
    Returns an int64 array [n, max_len] padded with ``sp.pad`` (only the last row can be short)."""
    cap = max_len - 2
    rows: List[List[int]] = []
    cur: List[int] = []

    def flush():
        nonlocal cur
        while cur and cur[-1] == sp.sep:  # never end on a document separator
            cur.pop()
        if cur:
            rows.append([sp.cls] + cur + [sp.sep])
        cur = []

    for d_i, doc in enumerate(docs):
        if d_i > 0 and cur:
            if len(cur) + 1 > cap:
                flush()
            else:
                cur.append(sp.sep)
        for s in doc:
            s = s.tolist()
            if len(cur) + len(s) > cap:
                flush()
            while len(s) > cap:
                rows.append([sp.cls] + s[:cap] + [sp.sep])
                s = s[cap:]
            cur.extend(s)
    flush()
    out = np.full((len(rows), max_len), sp.pad, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


# --------------------------------------------------------------------------- BERT inputs


@dataclass
class PairInstance:
    """One NSP training example: ``[CLS] A [SEP] B [SEP]``."""

    input_ids: np.ndarray
    token_type_ids: np.ndarray
    is_random_next: bool


def _truncate_seq_pair(a: List[int], b: List[int], max_num_tokens: int, rng: random.Random) -> None:
    """Original BERT: trim the longer segment, from the front or the back at random."""
    while len(a) + len(b) > max_num_tokens:
        trunc = a if len(a) > len(b) else b
        if rng.random() < 0.5:
            del trunc[0]
        else:
            trunc.pop()


def create_nsp_instances(all_docs: Sequence[Sequence[np.ndarray]], doc_index: int, max_len: int,
                         short_seq_prob: float, sp: SpecialTokens, rng: random.Random) -> List[PairInstance]:
    """Port of ``create_instances_from_document`` (google-research/bert create_pretraining_data.py):
    sentences are accumulated into a chunk up to a target length, split at a random sentence
    boundary into A and B; with probability 0.5 (always for a one-sentence chunk) B is replaced
    by text from a random other document and the unused sentences are put back."""
    document = all_docs[doc_index]
    max_num_tokens = max_len - 3
    target_seq_length = max_num_tokens
    if rng.random() < short_seq_prob:
        target_seq_length = rng.randint(2, max_num_tokens)
    instances: List[PairInstance] = []
    chunk: List[List[int]] = []
    cur_len = 0
    i = 0
    while i < len(document):
        seg = document[i].tolist()
        chunk.append(seg)
        cur_len += len(seg)
        if i == len(document) - 1 or cur_len >= target_seq_length:
            if chunk:
                a_end = rng.randint(1, len(chunk) - 1) if len(chunk) >= 2 else 1
                tokens_a = [t for s in chunk[:a_end] for t in s]
                tokens_b: List[int] = []
                if len(chunk) == 1 or rng.random() < 0.5:
                    is_random_next = True
                    target_b_length = target_seq_length - len(tokens_a)
                    rand_index = doc_index
                    for _ in range(10):
                        rand_index = rng.randint(0, len(all_docs) - 1)
                        if rand_index != doc_index:
                            break
                    rand_doc = all_docs[rand_index]
                    if len(rand_doc) > 0:
                        start = rng.randint(0, len(rand_doc) - 1)
                        for j in range(start, len(rand_doc)):
                            tokens_b.extend(rand_doc[j].tolist())
                            if len(tokens_b) >= target_b_length:
                                break
                    i -= len(chunk) - a_end  # put the unused segments back
                else:
                    is_random_next = False
                    tokens_b = [t for s in chunk[a_end:] for t in s]
                _truncate_seq_pair(tokens_a, tokens_b, max_num_tokens, rng)
                if tokens_a and tokens_b:
                    ids = [sp.cls] + tokens_a + [sp.sep] + tokens_b + [sp.sep]
                    types = [0] * (len(tokens_a) + 2) + [1] * (len(tokens_b) + 1)
                    instances.append(PairInstance(np.array(ids, dtype=np.int64), np.array(types, dtype=np.int64),
                                                  is_random_next))
            chunk = []
            cur_len = 0
        i += 1
    return instances


def create_nsp_dataset(docs: Sequence[Sequence[np.ndarray]], max_len: int, short_seq_prob: float,
                       sp: SpecialTokens, rng: random.Random) -> List[PairInstance]:
    """One pass of pair creation over every document (the original repeats this per dupe)."""
    out: List[PairInstance] = []
    for d in range(len(docs)):
        if docs[d]:
            out.extend(create_nsp_instances(docs, d, max_len, short_seq_prob, sp, rng))
    return out


# --------------------------------------------------------------------------- splits


def stratified_folds(labels: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold id (0..k-1) of each product: sklearn StratifiedKFold(shuffle=True, random_state=seed)."""
    from sklearn.model_selection import StratifiedKFold

    fold = np.full(len(labels), -1, dtype=np.int64)
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for f, (_, test) in enumerate(skf.split(np.zeros(len(labels)), labels)):
        fold[test] = f
    return fold
