"""Classical baseline: TF-IDF (word 1-2-grams + char_wb 2-5-grams) + logistic regression.

Cross-validated in the same stratified folds as the transformers; the served model is fit on
the same 80 % split. The export holds everything needed to reproduce ``predict_proba`` in
TypeScript (lib/nlp/tfidf.ts):

* ``model.json`` — labels, per analyzer: kind, n-gram range, lowercasing, token pattern,
  sublinear tf, norm, the vocabulary in feature-index order and its offset in the concatenated
  feature vector; the logistic-regression intercepts; the layout of ``weights.f64``;
* ``weights.f64`` — little-endian float64: idf of each analyzer, then the coefficient matrix
  [n_classes, n_features] row-major;
* ``golden.json`` — texts and sklearn's predict_proba rows for the parity test.
"""
from __future__ import annotations

import math
import os
import re
from typing import Dict, List, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .config import TfidfConfig
from .utils import write_json

TOKEN_PATTERN = r"(?u)\b\w\w+\b"
FORMAT = "pad-tfidf-lr/1"


class TfidfLR:
    """FeatureUnion-like concatenation of two TfidfVectorizers (each l2-normalised) + LR."""

    def __init__(self, cfg: TfidfConfig, seed: int):
        self.cfg = cfg
        self.word = TfidfVectorizer(analyzer="word", ngram_range=tuple(cfg.word_ngrams), lowercase=True,
                                    token_pattern=TOKEN_PATTERN, min_df=cfg.word_min_df,
                                    max_features=cfg.word_max_features, sublinear_tf=True, norm="l2",
                                    smooth_idf=True, dtype=np.float64)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(cfg.char_ngrams), lowercase=True,
                                    min_df=cfg.char_min_df, max_features=cfg.char_max_features,
                                    sublinear_tf=True, norm="l2", smooth_idf=True, dtype=np.float64)
        self.lr = LogisticRegression(C=cfg.C, max_iter=cfg.max_iter, random_state=seed)

    def features(self, texts: Sequence[str]):
        return sparse.hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()

    def fit(self, texts: Sequence[str], y: np.ndarray) -> "TfidfLR":
        x = sparse.hstack([self.word.fit_transform(texts), self.char.fit_transform(texts)]).tocsr()
        self.lr.fit(x, y)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.lr.predict_proba(self.features(texts))

    @property
    def n_features(self) -> int:
        return len(self.word.vocabulary_) + len(self.char.vocabulary_)

    # ---------------------------------------------------------------- export

    def export(self, out_dir: str, label_names: Sequence[str], golden_texts: Sequence[str]) -> dict:
        os.makedirs(out_dir, exist_ok=True)
        analyzers, idfs, offset = [], [], 0
        for name, vec in (("word", self.word), ("char", self.char)):
            vocab = [None] * len(vec.vocabulary_)
            for term, i in vec.vocabulary_.items():
                vocab[i] = term
            analyzers.append({
                "name": name, "analyzer": vec.analyzer, "ngram_range": list(vec.ngram_range),
                "lowercase": vec.lowercase, "token_pattern": vec.token_pattern if vec.analyzer == "word" else None,
                "strip_accents": vec.strip_accents, "sublinear_tf": vec.sublinear_tf, "norm": vec.norm,
                "smooth_idf": vec.smooth_idf, "offset": offset, "size": len(vocab), "vocabulary": vocab,
            })
            idfs.append(np.asarray(vec.idf_, dtype="<f8"))
            offset += len(vocab)
        coef = np.asarray(self.lr.coef_, dtype="<f8")
        if list(self.lr.classes_) != list(range(len(label_names))):
            raise ValueError("logistic regression classes must be 0..n-1")
        with open(os.path.join(out_dir, "weights.f64"), "wb") as f:
            for a in idfs:
                f.write(a.tobytes())
            f.write(coef.tobytes())
        model = {
            "format": FORMAT,
            "labels": list(label_names),
            "n_features": offset,
            "analyzers": analyzers,
            "combine": "concatenate the analyzers' l2-normalised tf-idf vectors (each norm 1)",
            "intercept": [float(x) for x in self.lr.intercept_],
            "weights": {"file": "weights.f64", "dtype": "float64", "endianness": "little",
                        "layout": [{"name": f"idf.{a['name']}", "length": a["size"]} for a in analyzers]
                        + [{"name": "coef", "shape": [len(label_names), offset]}]},
            "predict": "softmax(coef @ x + intercept)",
            "hyperparameters": {"C": self.cfg.C, "max_iter": self.cfg.max_iter, "word_min_df": self.cfg.word_min_df,
                                "char_min_df": self.cfg.char_min_df, "word_max_features": self.cfg.word_max_features,
                                "char_max_features": self.cfg.char_max_features, "solver": self.lr.solver},
        }
        write_json(os.path.join(out_dir, "model.json"), model)
        proba = self.predict_proba(list(golden_texts))
        write_json(os.path.join(out_dir, "golden.json"), {
            "tolerance": 1e-6,
            "rows": [{"text": t, "proba": [float(x) for x in p]} for t, p in zip(golden_texts, proba)]})
        return {"n_features": offset, "files": ["model.json", "weights.f64", "golden.json"]}


# ---------------------------------------------------------------- pure-python reference of the export


def _py_word_ngrams(text: str, lo: int, hi: int) -> List[str]:
    tokens = re.findall(TOKEN_PATTERN, text)
    out = []
    for n in range(lo, hi + 1):
        out.extend(" ".join(tokens[i: i + n]) for i in range(len(tokens) - n + 1))
    return out


def _py_char_wb_ngrams(text: str, lo: int, hi: int) -> List[str]:
    text = re.sub(r"\s\s+", " ", text)
    out = []
    for w in text.split():
        w = " " + w + " "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset: offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset: offset + n])
            if offset == 0:
                break
    return out


def predict_from_export(out_dir: str, texts: Sequence[str]) -> np.ndarray:
    """Re-implements inference from the exported files only (what lib/nlp/tfidf.ts does)."""
    import json

    with open(os.path.join(out_dir, "model.json"), encoding="utf-8") as f:
        model = json.load(f)
    raw = np.fromfile(os.path.join(out_dir, "weights.f64"), dtype="<f8")
    idf, pos = {}, 0
    for a in model["analyzers"]:
        idf[a["name"]] = raw[pos: pos + a["size"]]
        pos += a["size"]
    coef = raw[pos:].reshape(len(model["labels"]), model["n_features"])
    vocab = {a["name"]: {t: i for i, t in enumerate(a["vocabulary"])} for a in model["analyzers"]}
    out = []
    for text in texts:
        x = np.zeros(model["n_features"])
        for a in model["analyzers"]:
            doc = text.lower() if a["lowercase"] else text
            lo, hi = a["ngram_range"]
            grams = _py_word_ngrams(doc, lo, hi) if a["analyzer"] == "word" else _py_char_wb_ngrams(doc, lo, hi)
            counts: Dict[int, int] = {}
            for g in grams:
                j = vocab[a["name"]].get(g)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            vals = {j: (1.0 + math.log(c)) * idf[a["name"]][j] for j, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in vals.values()))
            for j, v in vals.items():
                x[a["offset"] + j] = v / norm if norm > 0 else 0.0
        z = coef @ x + np.asarray(model["intercept"])
        z = np.exp(z - z.max())
        out.append(z / z.sum())
    return np.array(out)
