"""How much of the price of fairness is the XGBoost seed.

    /usr/bin/python3 -m training.credit.seed_study [--seeds 42 1 2 3 4] [--variants without with] [--average]
                                                   [--set max_depth=2 ...]

The served model's configuration (``models/credit/metrics.json``: selected parameters and calibration
method; ``--set`` changes some of its parameters) fitted again on the same folds and early-stopping splits (seed 42, as ``npm run train:credit``),
with other XGBoost seeds, without and with the protected columns; each run is calibrated cross-fitted and
scored at its own cost-optimal threshold. Prints one line per run and the mean ± sample std per variant;
with ``--average``, also the cost of the margins of the first k seeds averaged per fold (seed bagging).
Writes nothing. About 20 s per run on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

from . import metrics
from .calibration import cross_fitted
from .cv import FitPool, fold_assignment
from .exports import variant_figures
from .matrix import read_matrix
from .train import ROUNDS


def scored(margin: np.ndarray, y: np.ndarray, fold_of: np.ndarray, method: str) -> dict:
    """Out-of-fold margins calibrated cross-fitted, at their own cost-optimal threshold: the trainer's variant figures."""
    p = cross_fitted(method, margin, y, fold_of)
    return variant_figures(y, p, metrics.best_threshold(y, p)[0])


def overrides(assignments: list[str]) -> dict:
    """``["max_depth=2", "eta=0.08"]`` → ``{"max_depth": 2, "eta": 0.08}`` (integers stay integers)."""
    out = {}
    for a in assignments:
        key, sep, value = a.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set expects PARAM=VALUE, got {a!r}")
        try:
            number = float(value)
        except ValueError:
            raise SystemExit(f"--set {key}: {value!r} is not a number") from None
        out[key] = int(number) if number.is_integer() and "." not in value else number
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--matrix", default="data/.cache/credit/train_features.bin")
    ap.add_argument("--metrics", default="models/credit/metrics.json")
    ap.add_argument("--seeds", type=int, nargs="+", default=[42, 1, 2, 3, 4])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fold-seed", type=int, default=42, help="the trainer's seed: folds and early-stopping splits")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--variants", nargs="+", choices=["without", "with"], default=["without", "with"])
    ap.add_argument("--average", action="store_true", help="also score the mean margin of the seeds run so far")
    ap.add_argument("--set", nargs="+", default=[], metavar="PARAM=VALUE",
                    help="XGBoost parameters that replace the selected configuration's (numbers)")
    args = ap.parse_args(argv)

    with open(args.metrics) as f:
        report = json.load(f)
    params, method = {**report["selected"]["params"], **overrides(args.set)}, report["calibration"]["method"]
    full = read_matrix(args.matrix)
    y = full.y.astype(np.int64)
    fold_of = fold_assignment(y, args.folds, args.fold_seed)
    columns_of = {"without": full.model_columns, "with": list(range(len(full.feature_names)))}
    variants = {name: columns_of[name] for name in args.variants}
    print(f"configuration {json.dumps(params)}, calibration {method}, folds of seed {args.fold_seed}", flush=True)
    for name, columns in variants.items():
        pool = FitPool(args.matrix, y, fold_of, args.fold_seed, args.workers, columns=columns)
        costs, aucs, oof_margins = [], [], []
        for seed in args.seeds:
            started = time.time()
            pool.seed = seed  # the folds and splits were drawn at the pool's start; only the fits' seed changes
            r = pool.run([(f"{name}_{seed}", "xgboost", params)], *ROUNDS)[0]
            f = scored(r.oof_margin, y, fold_of, method)
            costs.append(f["cost"])
            aucs.append(f["rocAuc"])
            print(f"{name} protected attributes, seed {seed}: cost {f['cost']:.0f}, ROC AUC {f['rocAuc']:.4f}, "
                  f"threshold {f['threshold']:.4f}, rounds {r.best_rounds} ({time.time() - started:.0f} s)", flush=True)
            oof_margins.append(r.oof_margin)
            if args.average and len(oof_margins) > 1:
                bag = scored(np.mean(oof_margins, axis=0), y, fold_of, method)
                print(f"  mean margin of the {len(oof_margins)} seeds so far: cost {bag['cost']:.0f}, "
                      f"ROC AUC {bag['rocAuc']:.4f}", flush=True)
        pool.close()
        c, a = np.array(costs), np.array(aucs)
        spread = f" ± {c.std(ddof=1):.0f}" if len(c) > 1 else ""
        print(f"{name}: cost {c.mean():.0f}{spread} (min {c.min():.0f}, max {c.max():.0f}); ROC AUC {a.mean():.4f}"
              f"{f' ± {a.std(ddof=1):.4f}' if len(a) > 1 else ''}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
