"""Grouped folds and short inputs (issue #18, points 1, 2 and 4): the TF-IDF + LR baseline
cross-validated with and without near-duplicate groups, tested on name + description and on the
product name alone, with the committed settings and with settings chosen by a nested search.

    OMP_NUM_THREADS=1 /usr/bin/python3 -m training.nlp.grouped_study [--models tfidf,bert,roberta,bert_dynamic]
        [--schemes stratified,grouped] [--train-views text,both] [--reps 0,1,2] [--threads 1] [--quick]
        [--summarize]

Needs ``products.json`` of the data export (``npm run train:nlp`` or its export step) and the
Flipkart CSV under ``$DATASETS_DIR`` for the names (``groups.load_product_views``).

For every combination of

* **folds** — ``stratified``: the committed 5 folds (``data.stratified_folds``, seed 13, the
  figures of metrics.json); ``grouped``: 5 stratified *group* folds (``groups.stratified_group_folds``,
  seed 13) over the near-duplicate groups (word 5-gram Jaccard ≥ 0.5 on name + description,
  connected components: see groups.py);
* **training rows** — ``text``: one row per training product, name + description (as today);
  ``both``: two rows per training product, name + description and the name alone, same label;
* **settings** — ``fixed``: the committed ``TfidfConfig`` (C = 20, word 1–2-grams ≤ 20,000
  features, char_wb 2–5-grams ≤ 30,000 features, min_df 2); ``nested``: chosen inside each outer
  training fold by an inner 3-fold CV over ``make_grid``'s 24 configurations (inner folds of the same kind as the outer
  ones: grouped inside grouped, stratified inside stratified; seed 13), criterion = mean over the
  inner folds of (macro-F1 on name + description + macro-F1 on the name alone) / 2 — the served
  model answers both kinds of input —, ties to the earliest configuration of the grid (the
  committed one first); the chosen configuration is then refit on the whole outer training fold;

the outer test fold is scored twice — **test view** ``text`` (name + description) and ``name``
(the name alone, ``productText(name, "")``) — with macro-F1 and accuracy, mean ± sample std over
the 5 folds. Nothing computed on an outer test fold chooses anything. Seeds: folds 13 (outer and
inner), LogisticRegression ``random_state`` 13 (lbfgs: deterministic).

Each (model, folds, training rows, outer fold) is cached in ``<work>/grouped_study/`` with a key
of everything it depends on; ``grouped_study.json`` summarises every complete run in the cache
(``--summarize`` only does that).

``--models`` defaults to ``tfidf``. ``bert`` / ``roberta`` / ``bert_dynamic`` (the ablation) fine-tune the pipeline's pretrained
encoders (``<work>/pretrain/<recipe>``) with its protocol (``finetune.train_classifier``, truncation,
seed ``13 + 1000·rep + fold``, ``--reps``), on name + description or both views, and score both
test views; the name ids come from ``training/nlp/export_names.ts`` (transformers.js). Checked on
``--quick`` only; the full-size transformer runs are still to do (see README).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
from dataclasses import asdict, replace
from typing import Dict, List, Optional, Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from . import config as C
from .data import stratified_folds
from .groups import (both_views, group_stats, jaccard_matrix, leakage_stats, load_product_views, near_duplicate_groups,
                     stratified_group_folds, fold_class_counts)
from .metrics import classification_metrics
from .tfidf_baseline import TfidfLR
from .utils import log, read_json, write_json

FORMAT = "pad-nlp-grouped-study/1"
SCHEMES = ("stratified", "grouped")
TRAIN_VIEWS = ("text", "both")
SETTINGS = ("fixed", "nested")
TEST_VIEWS = ("text", "name")
INNER_K = 3
CACHE_VERSION = 1


def make_grid(base: C.TfidfConfig, quick: bool = False) -> List[C.TfidfConfig]:
    """The nested search's grid, the committed configuration first (it wins ties).

    Full: C ∈ {20, 2, 200} × word n-grams ∈ {(1, 2), (1, 1)} × char_wb n-grams ∈ {(2, 5), (3, 6)} ×
    feature caps (word, char) ∈ {(20,000, 30,000), (5,000, 10,000)} = 24 configurations, min_df 2.
    With min_df 2 the committed caps do not bind on 840 training products (word 1–2-grams: ≈ 6,400
    terms, char_wb 2–5: ≈ 21,500, 3–6: ≈ 27,100), the tighter ones do. Quick: 2 configurations."""
    if quick:
        return [base, replace(base, C=2.0)]
    grid = []
    for caps, char, word, c in itertools.product(((base.word_max_features, base.char_max_features), (5000, 10000)),
                                                 ((2, 5), (3, 6)), ((1, 2), (1, 1)), (base.C, 2.0, 200.0)):
        grid.append(replace(base, C=c, word_ngrams=word, char_ngrams=char, word_max_features=caps[0],
                            char_max_features=caps[1]))
    grid.sort(key=lambda g: (g != base,))  # stable: the committed configuration first
    return grid


def config_label(cfg: C.TfidfConfig) -> str:
    return (f"C={cfg.C:g} word{tuple(cfg.word_ngrams)}≤{cfg.word_max_features} "
            f"char_wb{tuple(cfg.char_ngrams)}≤{cfg.char_max_features}")


def training_rows(idx: np.ndarray, view: str, texts: Sequence[str], names: Sequence[str], y: np.ndarray):
    """(texts, labels) of the training rows: name + description, or both views of each product."""
    if view == "text":
        return [texts[i] for i in idx], y[idx]
    if view == "both":
        return both_views(idx, texts, names, y)
    raise ValueError(view)


def make_folds(scheme: str, y: np.ndarray, groups: np.ndarray, k: int, seed: int) -> np.ndarray:
    if scheme == "stratified":
        return stratified_folds(y, k, seed)
    if scheme == "grouped":
        return stratified_group_folds(y, groups, k, seed)
    raise ValueError(scheme)


def _feature_key(cfg: C.TfidfConfig) -> tuple:
    d = asdict(cfg)
    d.pop("C")
    d.pop("max_iter")
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in d.items()))


def _score(pred: np.ndarray, y: np.ndarray, label_names) -> float:
    return float(classification_metrics(y, pred, label_names)["macro_f1"])


def inner_search(tr: np.ndarray, scheme: str, view: str, texts, names, y, groups, grid, label_names,
                 seed: int, inner_k: int) -> dict:
    """Inner CV of every grid configuration on the outer training products ``tr`` only. The
    vectorizers are fit once per feature setting and shared by the configurations that differ
    only in C (identical to fitting TfidfLR for each)."""
    inner = make_folds(scheme, y[tr], groups[tr], inner_k, seed)
    scores = {i: {"text": [], "name": []} for i in range(len(grid))}
    by_features: Dict[tuple, List[int]] = {}
    for i, g in enumerate(grid):
        by_features.setdefault(_feature_key(g), []).append(i)
    for j in range(inner_k):
        itr, ite = tr[inner != j], tr[inner == j]
        rows, ry = training_rows(itr, view, texts, names, y)
        for members in by_features.values():
            m = TfidfLR(grid[members[0]], seed)
            x = sparse.hstack([m.word.fit_transform(rows), m.char.fit_transform(rows)]).tocsr()
            xt = {"text": m.features([texts[i] for i in ite]), "name": m.features([names[i] for i in ite])}
            for i in members:
                lr = LogisticRegression(C=grid[i].C, max_iter=grid[i].max_iter, random_state=seed).fit(x, ry)
                for tv in TEST_VIEWS:
                    scores[i][tv].append(_score(lr.predict(xt[tv]), y[ite], label_names))
    crit = [float(np.mean([(a + b) / 2 for a, b in zip(scores[i]["text"], scores[i]["name"])])) for i in range(len(grid))]
    best = int(np.argmax(crit))  # first maximum: the committed configuration wins ties
    return {"inner_folds": inner_k, "criterion": crit, "scores": [scores[i] for i in range(len(grid))], "chosen": best}


def evaluate_views(model: TfidfLR, te: np.ndarray, texts, names, y, label_names) -> Dict[str, dict]:
    out = {}
    for tv, src in (("text", texts), ("name", names)):
        pred = model.predict_proba([src[i] for i in te]).argmax(1)
        m = classification_metrics(y[te], pred, label_names)
        out[tv] = {"macro_f1": m["macro_f1"], "accuracy": m["accuracy"], "pred": pred.tolist()}
    return out


def run_fold(k: int, folds: np.ndarray, scheme: str, view: str, texts, names, y, groups, base, grid,
             label_names, seed: int, inner_k: int) -> dict:
    tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
    rows, ry = training_rows(tr, view, texts, names, y)
    t0 = time.time()
    fixed = evaluate_views(TfidfLR(base, seed).fit(rows, ry), te, texts, names, y, label_names)
    t1 = time.time()
    search = inner_search(tr, scheme, view, texts, names, y, groups, grid, label_names, seed, inner_k)
    chosen = grid[search["chosen"]]
    nested = evaluate_views(TfidfLR(chosen, seed).fit(rows, ry), te, texts, names, y, label_names)
    t2 = time.time()
    return {"test": te.tolist(), "fixed": fixed,
            "nested": {**nested, "search": search, "chosen_config": asdict(chosen), "chosen_label": config_label(chosen)},
            "seconds": {"fixed": t1 - t0, "nested": t2 - t1}}


def _stats(vals: Sequence[float]) -> dict:
    v = np.asarray(vals, dtype=float)
    return {"mean": float(v.mean()), "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0, "folds": v.tolist()}


def summarize_runs(runs: Dict[str, Dict[str, List[dict]]], y: np.ndarray, label_names, grid,
                   groups: Optional[np.ndarray] = None) -> dict:
    """runs[scheme][view] = the fold results → mean ± std per (scheme, view, settings, test view),
    pooled per-class F1 of the out-of-fold predictions, pooled accuracy on the products that have
    a near-duplicate (groups of ≥ 2) and on the others, and the nested choices."""
    in_group = np.bincount(groups)[groups] > 1 if groups is not None else None
    out: Dict[str, dict] = {}
    for scheme, by_view in runs.items():
        out[scheme] = {}
        for view, folds in by_view.items():
            out[scheme][view] = {}
            for s in [s for s in SETTINGS if s in folds[0]]:
                out[scheme][view][s] = {}
                for tv in TEST_VIEWS:
                    oof = np.full(len(y), -1, dtype=np.int64)
                    for f in folds:
                        oof[np.array(f["test"])] = f[s][tv]["pred"]
                    pooled = classification_metrics(y, oof, label_names)
                    out[scheme][view][s][tv] = {
                        "macro_f1": _stats([f[s][tv]["macro_f1"] for f in folds]),
                        "accuracy": _stats([f[s][tv]["accuracy"] for f in folds]),
                        "pooled_per_class_f1": {n: round(v["f1"], 4) for n, v in pooled["per_class"].items()},
                    }
                    if in_group is not None:
                        ok = oof == y
                        out[scheme][view][s][tv]["pooled_accuracy"] = {
                            "products_with_near_duplicate": float(ok[in_group].mean()),
                            "other_products": float(ok[~in_group].mean()), "all": float(ok.mean())}
            if "nested" not in folds[0]:
                out[scheme][view]["seconds_per_fold"] = [round(f["seconds"], 1) for f in folds]
                continue
            chosen = [f["nested"]["search"]["chosen"] for f in folds]
            out[scheme][view]["nested_choices"] = {
                "per_fold": [config_label(grid[c]) for c in chosen],
                "committed_chosen": sum(1 for c in chosen if c == 0),
                "seconds_per_fold": [round(f["seconds"]["nested"], 1) for f in folds],
            }
    return out


def render_tables(models: dict) -> str:
    """Markdown tables (macro-F1, then accuracy) of the TF-IDF results, old vs new folds."""
    t = models["tfidf"]
    lines = []
    for metric, title in (("macro_f1", "macro-F1"), ("accuracy", "accuracy")):
        lines += [f"| TF-IDF + LR, {title} (5 folds, mean ± std) | stratified folds (old): name + description | "
                  f"old: name alone | grouped folds (new): name + description | new: name alone |",
                  "|---|---|---|---|---|"]
        for view, vlabel in (("text", "trained on name + description"), ("both", "trained on both views")):
            for s, slabel in (("fixed", "committed settings"), ("nested", "nested search")):
                cells = []
                for scheme in SCHEMES:
                    for tv in TEST_VIEWS:
                        r = t.get(scheme, {}).get(view, {}).get(s, {}).get(tv)
                        cells.append(f"{r[metric]['mean']:.3f} ± {r[metric]['std']:.3f}" if r else "")
                lines.append(f"| {vlabel}, {slabel} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- transformers

TRANSFORMERS = ("bert", "roberta", "bert_dynamic")  # bert_dynamic: the ablation (not served)
SEED_STRIDE = 1000  # as seed_study.py: repetition r fine-tunes fold k with seed cfg.seed + 1000·r + k


def fold_file(work_dir: str, model: str, scheme: str, view: str, fold: int, rep: Optional[int] = None) -> str:
    """The cache file of one outer fold (transformers: of one repetition); the pipeline's CV reads it too."""
    sub = [model, scheme, view] + ([] if rep is None else [f"rep{rep}"])
    return os.path.join(work_dir, "grouped_study", *sub, f"fold{fold}.json")


def load_name_tokens(data_dir: str, kind: str) -> List[np.ndarray]:
    """Ids of the names alone (training/nlp/export_names.ts), with special tokens, not truncated."""
    path = os.path.join(data_dir, f"products.{kind}.name.ids.u16")
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} missing: run npx tsx training/nlp/export_names.ts --data {data_dir}")
    ids = np.fromfile(path, dtype=np.uint16).astype(np.int64)
    off = np.fromfile(os.path.join(data_dir, f"products.{kind}.name.offsets.u32"), dtype=np.uint32).astype(np.int64)
    return [ids[off[i]:off[i + 1]] for i in range(len(off) - 1)]


def transformer_fold(pipe, name: str, k: int, folds: np.ndarray, view: str, rep: int) -> dict:
    """One outer fold: the pipeline's fine-tuning (same encoder, protocol, truncation) on the training
    products' name + description (``text``) or both views (``both``), scored on the test products'
    name + description and name alone. Seed cfg.seed + 1000·rep + k (rep 0, stratified folds,
    ``text`` = the pipeline's own CV fold)."""
    from .finetune import evaluate, train_classifier

    cfg = pipe.cfg
    kind = cfg.recipes[name].tokenizer
    P, sp = pipe.products(kind), pipe.special(kind)
    max_len = cfg.arch.max_len
    seqs = P.truncated(max_len)
    name_seqs = pipe.name_seqs(kind)
    y = P.labels
    tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
    rows, ry = training_rows(tr, view, seqs, name_seqs, y)
    seed = cfg.seed + SEED_STRIDE * rep + k
    r = train_classifier(pipe.pretrained_dir(name), rows, ry, P.label_names, sp.pad, cfg.finetune, seed,
                         tag=f":{name}:{view}:rep{rep}:fold{k}")
    res = {"test": te.tolist(), "seed": seed, "seconds": r["seconds"], "curve": r["curve"], "fixed": {}}
    for tv, src in (("text", seqs), ("name", name_seqs)):
        ev = evaluate(r["model"], [src[i] for i in te], y[te], P.label_names, sp.pad)
        res["fixed"][tv] = {"macro_f1": ev["metrics"]["macro_f1"], "accuracy": ev["metrics"]["accuracy"],
                            "pred": ev["pred"].tolist()}
    return res


def render_transformer_table(results: dict) -> str:
    """Markdown: macro-F1 of each transformer, mean ± std of the repetition means (one repetition:
    ± the fold std of that repetition)."""
    lines = ["| fine-tuned encoder, macro-F1 | stratified folds (old): name + description | old: name alone | "
             "grouped folds (new): name + description | new: name alone | repetitions |", "|---|---|---|---|---|---|"]
    for m in TRANSFORMERS:
        if m not in results:
            continue
        reps = results[m]["repetitions"]
        for view, vlabel in (("text", "trained on name + description"), ("both", "trained on both views")):
            cells = []
            for scheme in SCHEMES:
                for tv in TEST_VIEWS:
                    vals = [r[scheme][view]["fixed"][tv]["macro_f1"] for r in reps.values() if view in r.get(scheme, {})]
                    if not vals:
                        cells.append("")
                    elif len(vals) == 1:
                        cells.append(f"{vals[0]['mean']:.3f} ± {vals[0]['std']:.3f}")
                    else:
                        means = [x["mean"] for x in vals]
                        cells.append(f"{np.mean(means):.3f} ± {np.std(means, ddof=1):.3f}")
            lines.append(f"| {m}, {vlabel} | " + " | ".join(cells) + f" | {len(reps)} |")
    return "\n".join(lines) + "\n"


def _hash(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _mean_over_reps(reps: Dict[int, dict]) -> dict:
    """Per (scheme, view, test view): the repetition means' mean and sample std."""
    out: Dict[str, dict] = {}
    first = next(iter(reps.values()))
    for scheme, by_view in first.items():
        for view in by_view:
            for tv in TEST_VIEWS:
                means = [reps[r][scheme][view]["fixed"][tv]["macro_f1"]["mean"] for r in reps
                         if view in reps[r].get(scheme, {})]
                out.setdefault(scheme, {}).setdefault(view, {})[tv] = {
                    "macro_f1": {"mean": float(np.mean(means)), "std": float(np.std(means, ddof=1)) if len(means) > 1 else 0.0,
                                 "repetition_means": means}}
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="tfidf", help="comma-separated: tfidf (default), bert, roberta, bert_dynamic")
    ap.add_argument("--schemes", default=",".join(SCHEMES), help="folds to run: stratified,grouped")
    ap.add_argument("--train-views", default=",".join(TRAIN_VIEWS), help="training rows: text,both")
    ap.add_argument("--reps", default="0", help="transformers: fine-tuning repetitions (seed 13 + 1000·rep + fold)")
    ap.add_argument("--quick", action="store_true", help="quick data/config (and a 2-configuration TF-IDF grid)")
    ap.add_argument("--summarize", action="store_true", help="only merge cached folds into grouped_study.json")
    ap.add_argument("--threads", type=int, default=1, help="torch and BLAS/OpenMP threads")
    ap.add_argument("--data-dir")
    ap.add_argument("--work-dir")
    ap.add_argument("--out-dir")
    a = ap.parse_args(argv)
    models = [m for m in a.models.split(",") if m]
    unknown = [m for m in models if m not in ("tfidf",) + TRANSFORMERS]
    if unknown:
        ap.error(f"unknown model(s): {', '.join(unknown)}")
    schemes = [s for s in a.schemes.split(",") if s]
    train_views = [v for v in a.train_views.split(",") if v]
    reps = [int(r) for r in a.reps.split(",") if r]
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(a.threads)
    except ImportError:  # pragma: no cover
        pass
    cfg = C.get_config(a.quick)
    root = os.path.join(C.cache_dir(), "nlp-quick" if a.quick else "nlp")
    data_dir = os.path.abspath(a.data_dir or os.path.join(root, "data"))
    work_dir = os.path.abspath(a.work_dir or os.path.join(root, "work"))
    out_dir = os.path.abspath(a.out_dir or (os.path.join(root, "models") if a.quick else os.path.join(C.REPO_ROOT, "models", "nlp")))
    seed, k = cfg.seed, cfg.finetune.folds

    v = load_product_views(data_dir)
    y, texts, names = v.labels, v.texts, v.names
    jac = jaccard_matrix(texts)
    groups = near_duplicate_groups(texts, jac=jac)
    folds = {s: make_folds(s, y, groups, k, seed) for s in SCHEMES}
    grid = make_grid(cfg.tfidf, a.quick)
    manifest = os.path.join(data_dir, "manifest.json")
    data_key = read_json(manifest)["key"] if os.path.exists(manifest) else None
    key = _hash({"tfidf": cfg.tfidf, "grid": grid, "seed": seed, "k": k, "inner_k": INNER_K, "v": CACHE_VERSION,
                 "data": data_key,
                 "texts": _hash(texts), "names": _hash(names), "labels": y.tolist(), "groups": groups.tolist()})
    log(f"[grouped-study] {len(y)} products, {len(np.unique(groups))} groups, grid of {len(grid)} configurations")

    def collect(model: str, rep: int, compute) -> Dict[str, Dict[str, List[dict]]]:
        """Fold results of one model (and repetition) from the cache; computes the missing ones of
        the requested schemes / views when ``compute`` is given. Only complete (5-fold) runs are kept."""
        runs: Dict[str, Dict[str, List[dict]]] = {}
        for scheme in SCHEMES:
            for view in TRAIN_VIEWS:
                todo = compute is not None and scheme in schemes and view in train_views
                sub = [model, scheme, view] + ([f"rep{rep}"] if model != "tfidf" else [])
                res = []
                for f in range(k):
                    path = fold_file(work_dir, model, scheme, view, f, None if model == "tfidf" else rep)
                    if os.path.exists(path) and read_json(path).get("key") == mkey[model]:
                        res.append(read_json(path))
                        continue
                    if not todo:
                        break
                    r = compute(scheme, view, f)
                    r["key"] = mkey[model]
                    write_json(path, r)
                    res.append(r)
                    log(f"[grouped-study] {'/'.join(sub)} fold {f}: " + ", ".join(
                        f"{s} {r[s]['text']['macro_f1']:.4f} / {r[s]['name']['macro_f1']:.4f}" for s in SETTINGS if s in r)
                        + " (macro-F1 name + description / name alone)"
                        + (f" [nested: {r['nested']['chosen_label']}]" if "nested" in r else ""))
                if len(res) == k:
                    runs.setdefault(scheme, {})[view] = res
        return runs

    mkey = {"tfidf": key}
    pipe = None
    if any(m in TRANSFORMERS for m in models):
        from .pipeline import Pipeline
        from .utils import setup_torch

        setup_torch(seed, a.threads)
        pipe = Pipeline(cfg, data_dir, work_dir, out_dir)
    for m in TRANSFORMERS:
        stage = os.path.join(work_dir, "stages", f"pretrain__{m}.json")  # the encoder's own cache key
        mkey[m] = _hash({"ft": _ft_key(cfg, m, data_key), "folds": {s: folds[s].tolist() for s in SCHEMES},
                         "encoder": read_json(stage).get("key") if os.path.exists(stage) else None,
                         "v": CACHE_VERSION})

    results: Dict[str, dict] = {}
    tf_compute = None if a.summarize or "tfidf" not in models else (
        lambda scheme, view, f: run_fold(f, folds[scheme], scheme, view, texts, names, y, groups, cfg.tfidf, grid,
                                         v.label_names, seed, INNER_K))
    tf_runs = collect("tfidf", 0, tf_compute)
    if tf_runs:
        results["tfidf"] = summarize_runs(tf_runs, y, v.label_names, grid, groups)
    for m in TRANSFORMERS:
        todo = m in models and not a.summarize
        if todo and not os.path.exists(os.path.join(pipe.pretrained_dir(m), "config.json")):
            raise FileNotFoundError(f"no pretrained {m} encoder in {pipe.pretrained_dir(m)}: run npm run train:nlp first")
        per_rep = {}
        for rep in range(max([10] + [r + 1 for r in reps])):
            compute = None
            if todo and rep in reps:
                def compute(scheme, view, f, m=m, rep=rep):
                    return transformer_fold(pipe, m, f, folds[scheme], view, rep)
            runs = collect(m, rep, compute)
            if runs:
                per_rep[rep] = summarize_runs(runs, y, v.label_names, grid, groups)
        if per_rep:
            results[m] = {"repetitions": {f"rep{r}": s for r, s in per_rep.items()}, "mean_over_repetitions": _mean_over_reps(per_rep)}

    name_words = np.array([len(n.split()) for n in names])
    text_words = np.array([len(t.split()) for t in texts])
    out = {
        "format": FORMAT,
        "issue": 18,
        "seed": seed,
        "folds": k,
        "inner_folds": INNER_K,
        "near_duplicates": {
            "rule": "word 5-grams of the lower-cased name + description (tokens \\w+), Jaccard >= 0.5; "
                    "groups = connected components",
            "groups": group_stats(groups),
            "leakage": {s: leakage_stats(jac, y, folds[s]) for s in SCHEMES},
            "fold_class_counts": {s: fold_class_counts(y, folds[s], k) for s in SCHEMES},
            # the stratified folds are metrics.json's protocol.cv.fold_of_product
            "grouped_fold_of_product": dict(zip(v.ids, folds["grouped"].tolist())),
            "group_of_product": {i: int(g) for i, g in zip(v.ids, groups) if np.sum(groups == g) > 1},
        },
        "views": {"text": "name + description (products.json text)", "name": "productText(name, '') from the CSV",
                  "words_median": {"text": float(np.median(text_words)), "name": float(np.median(name_words))}},
        "train_views": {"text": "one row per training product: name + description",
                        "both": "two rows per training product: name + description, and the name alone"},
        "settings": {"fixed": asdict(cfg.tfidf),
                     "nested": {"grid": [asdict(g) for g in grid], "inner": f"{INNER_K} folds of the outer scheme's kind, seed {seed}",
                                "criterion": "mean over inner folds of (macro-F1 name+description + macro-F1 name alone) / 2; "
                                             "ties: earliest in grid (committed first)"},
                     "transformers": {"finetune": asdict(cfg.finetune), "seed": f"{seed} + {SEED_STRIDE}·repetition + fold",
                                      "encoders": "the pipeline's pretrained encoders (work/pretrain/<recipe>)"}},
        "models": results,
        "not_run": {m: "grouped folds and the name-alone view still to do (fine-tuning, see training/nlp/README.md)"
                    for m in TRANSFORMERS if m not in results},
    }
    if not results:
        log("[grouped-study] no complete run in the cache: grouped_study.json not written")
        return 0
    # Every complete run found in the cache is summarised, whatever this call computed.
    write_json(os.path.join(out_dir, "grouped_study.json"), out, indent=1)
    if "tfidf" in results:
        print(render_tables(results))
    if any(m in results for m in TRANSFORMERS):
        print(render_transformer_table(results))
    log(f"[grouped-study] wrote {os.path.join(out_dir, 'grouped_study.json')}")
    return 0


def _ft_key(cfg: C.PipelineConfig, name: str, data_key) -> dict:
    """What a transformer fold depends on (as Pipeline.ft_key, without building a Pipeline)."""
    return {"recipe": cfg.recipes[name], "arch": cfg.arch, "pretrain": cfg.pretrain, "finetune": cfg.finetune,
            "seed": cfg.seed, "data": data_key}


if __name__ == "__main__":
    sys.exit(main())
