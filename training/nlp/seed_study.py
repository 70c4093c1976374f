"""How much of the BERT / RoBERTa difference is fine-tuning noise: the 5-fold CV repeated with other
fine-tuning seeds, on the same pretrained encoders and the same folds.

    /usr/bin/python3 -m training.nlp.seed_study [--models bert,roberta] [--repeats 2] [--threads 1]
        [--summarize]

The pipeline's CV (pretrained encoder of each recipe, folds of seed cfg.seed, fine-tuning seed
cfg.seed + fold) is repetition 0. Repetition r fine-tunes fold k with seed cfg.seed + 1000·r + k:
another classifier-head initialisation, batch order and dropout, nothing else changed (same
protocol, same hyper-parameters, same folds, no result looked at to choose anything). Each fold is
cached under <work>/seed_study/<model>/rep<r>/fold<k>.json, so models can run in separate
processes (one thread each on 2 cores) and --summarize merges them into
<out>/seed_study.json: per repetition the fold macro-F1 and their mean, then the mean and the
sample std of the repetition means, and the 5·R fold values pooled.

It is an uncertainty study added after the pre-registered single-seed CV had been read; the CV
figures of the report stay the single-seed ones.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List

import numpy as np

from . import config as C
from .finetune import evaluate, train_classifier
from .pipeline import Pipeline, default_dirs
from .utils import log, read_json, setup_torch, write_json

SEED_STRIDE = 1000


def fold_file(work_dir: str, name: str, rep: int, k: int) -> str:
    return os.path.join(work_dir, "seed_study", name, f"rep{rep}", f"fold{k}.json")


def fold_macro_f1(pipe: Pipeline, name: str, rep: int, k: int) -> float:
    """Fold k's macro-F1 for repetition rep (0: the pipeline's own CV fold, read from its cache)."""
    if rep == 0:
        return float(read_json(os.path.join(pipe.work_dir, "cv", name, f"fold{k}.json"))["metrics"]["macro_f1"])
    path = fold_file(pipe.work_dir, name, rep, k)
    if os.path.exists(path):
        return float(read_json(path)["macro_f1"])
    cfg = pipe.cfg
    kind = cfg.recipes[name].tokenizer
    P, sp = pipe.products(kind), pipe.special(kind)
    seqs = P.truncated(cfg.arch.max_len)
    folds, y = pipe.folds, P.labels
    tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
    seed = cfg.seed + SEED_STRIDE * rep + k
    r = train_classifier(pipe.pretrained_dir(name), [seqs[i] for i in tr], y[tr], P.label_names, sp.pad,
                         cfg.finetune, seed, tag=f":{name}:rep{rep}:fold{k}")
    ev = evaluate(r["model"], [seqs[i] for i in te], y[te], P.label_names, sp.pad)
    f1 = float(ev["metrics"]["macro_f1"])
    write_json(path, {"seed": seed, "macro_f1": f1, "accuracy": float(ev["metrics"]["accuracy"]),
                      "seconds": r["seconds"]})
    log(f"[seed-study:{name}] rep {rep} fold {k} (seed {seed}): macro-F1 {f1:.4f}")
    return f1


def summarize(per_rep: List[List[float]]) -> Dict[str, object]:
    means = np.array([np.mean(f) for f in per_rep])
    pooled = np.array([v for f in per_rep for v in f])
    return {
        "repetitions": [{"fold_macro_f1": f, "mean": float(np.mean(f))} for f in per_rep],
        "mean_of_means": float(means.mean()),
        "std_of_means": float(means.std(ddof=1)) if len(means) > 1 else 0.0,
        "pooled_folds": {"n": int(pooled.size), "mean": float(pooled.mean()), "std": float(pooled.std(ddof=1))},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="bert,roberta")
    ap.add_argument("--repeats", type=int, default=2, help="repetitions besides the pipeline's own CV")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--summarize", action="store_true", help="only merge cached folds into seed_study.json")
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    cfg = C.get_config(a.quick)
    d = default_dirs(a.quick)
    setup_torch(cfg.seed, a.threads)
    pipe = Pipeline(cfg, os.path.abspath(d["data"]), os.path.abspath(d["work"]), os.path.abspath(d["out"]))
    names = [n for n in a.models.split(",") if n]
    out: Dict[str, object] = {"format": "pad-nlp-seed-study/1", "seed": cfg.seed, "seed_stride": SEED_STRIDE, "folds": cfg.finetune.folds,
                              "finetune": cfg.finetune.__dict__, "models": {}}
    for name in names:
        per_rep = []
        for rep in range(a.repeats + 1):
            if a.summarize and rep > 0 and not os.path.exists(fold_file(pipe.work_dir, name, rep, 0)):
                break
            per_rep.append([fold_macro_f1(pipe, name, rep, k) for k in range(cfg.finetune.folds)])
        out["models"][name] = summarize(per_rep)
        s = out["models"][name]
        log(f"[seed-study:{name}] {len(per_rep)} repetitions: mean macro-F1 {s['mean_of_means']:.4f} "
            f"± {s['std_of_means']:.4f} (std of the repetition means); means {[round(r['mean'], 4) for r in s['repetitions']]}")
    if a.summarize:
        write_json(os.path.join(pipe.out_dir, "seed_study.json"), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
