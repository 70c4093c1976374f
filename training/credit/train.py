"""npm run train:credit — trains, selects, calibrates and exports the credit-risk model.

Reads the feature matrix written by `npm run features:credit` (the TypeScript serving pipeline),
runs a stratified 5-fold cross-validation of a logistic-regression baseline and an XGBoost
hyper-parameter search, selects by business cost (10·FN + 1·FP at each candidate's own optimal
threshold), calibrates the chosen model on out-of-fold margins, picks the cost-optimal threshold
and exports everything the TypeScript engine serves from (models/credit/).

    /usr/bin/python3 -m training.credit.train [--quick] [--out DIR] [--configs N] [--seed S]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone

import numpy as np
import onnx
import sklearn
import xgboost as xgb

from . import fairness, metrics
from .calibration import CALIBRATORS, cross_fitted, sigmoid
from .cv import FitPool, fold_assignment, summarize, xgb_params
from .exports import read_previous, variant_figures, write_golden, write_importance, write_json, write_oof
from .matrix import features_sha256, read_matrix
from .onnx_export import build_model
from .quantize import EXACT_RANGE, QUANTUM_BITS, quantize_booster
from .search import sample_configs
from .trees import from_booster, margins, write_trees

THEORETICAL_THRESHOLD = metrics.FP_COST / (metrics.FP_COST + metrics.FN_COST)  # 1/11


class Stages:
    """Wall-clock time of each stage, printed as it ends."""

    def __init__(self) -> None:
        self.started = time.time()
        self.last = self.started
        self.seconds: dict[str, float] = {}

    def done(self, name: str) -> None:
        now = time.time()
        self.seconds[name] = round(now - self.last, 1)
        self.last = now
        log(f"stage {name}: {self.seconds[name]:.1f} s (total {now - self.started:.1f} s)")

    def total(self) -> float:
        return round(time.time() - self.started, 1)


# Boosting rounds of a cross-validation fit: (most rounds, early-stopping patience on the inner split).
ROUNDS = (2000, 60)
QUICK_ROUNDS = (60, 10)


def log(message: str) -> None:
    print(f"[train:credit {datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--matrix", default="data/.cache/credit/train_features.bin")
    ap.add_argument("--test-sample", default="data/.cache/credit/test_sample_features.bin")
    ap.add_argument("--out", default="models/credit")
    ap.add_argument("--quick", action="store_true", help="tiny search and few rounds (development)")
    ap.add_argument("--configs", type=int, default=None, help="number of XGBoost configurations (default 32)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=1, help="threads of each XGBoost fit (results depend on it)")
    ap.add_argument("--workers", type=int, default=2, help="parallel single-threaded cross-validation fits")
    ap.add_argument("--golden-train", type=int, default=300)
    ap.add_argument("--importance-rows", type=int, default=None, help="rows for global SHAP importance (default all)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    stages = Stages()
    quick = args.quick
    n_configs = args.configs or (2 if quick else 32)
    max_rounds, early_stopping = QUICK_ROUNDS if quick else ROUNDS
    lr_grid = [0.1] if quick else [0.01, 0.1, 1.0]
    os.makedirs(args.out, exist_ok=True)
    log(f"{'QUICK ' if quick else ''}run: {n_configs} XGBoost configurations, {args.folds} folds, seed {args.seed}, "
        f"{args.workers} workers x {args.threads} thread(s), output {args.out}")

    # --- data -----------------------------------------------------------------------------
    full = read_matrix(args.matrix)
    model_cols = full.model_columns
    fm = full.select(model_cols)  # protected attributes (sex, marital status, age) never reach the model
    X, y = fm.X, fm.y.astype(np.int64)
    if np.isnan(fm.y).any():
        raise SystemExit("the training matrix has rows without TARGET")
    n, n_features = X.shape
    positives = int(y.sum())
    protected = [f["name"] for f in full.spec["features"] if f.get("protected")]
    log(f"matrix {n} rows x {n_features} model features ({len(protected)} protected columns kept for measuring only: "
        f"{protected}), {positives} positives ({positives / n:.4f})")
    groups = fairness.group_labels(full.X, full.feature_names)
    previous = read_previous(args.out, y)  # the model this run replaces, read before its files are overwritten
    fold_of = fold_assignment(y, args.folds, args.seed)
    pool = FitPool(args.matrix, y, fold_of, args.seed, args.workers, columns=model_cols)
    stages.done("data")

    def report(r):
        s = summarize(r, y, fold_of)
        params = json.dumps(r.params) if r.family == "xgboost" else ""
        rounds = f", rounds {r.best_rounds}" if r.best_rounds else ""
        log(f"{r.name} {params}: ROC AUC {s['oof']['rocAuc']:.4f}, PR AUC {s['oof']['prAuc']:.4f}, "
            f"cost {s['oof']['cost']:.0f}{rounds} ({r.seconds:.0f} s of fits)")

    # --- logistic-regression baseline --------------------------------------------------------
    lr_results = pool.run([(f"logreg_C{C:g}", "logreg", C) for C in lr_grid], on_result=report)
    baseline = min(lr_results, key=lambda r: (r.summary["oof"]["cost"], -r.summary["oof"]["rocAuc"]))
    stages.done("logreg")

    # --- XGBoost search ----------------------------------------------------------------------
    configs = sample_configs(n_configs, (n - positives) / positives, args.seed)
    xgb_results = pool.run([(f"xgb_{i:02d}", "xgboost", c) for i, c in enumerate(configs)], max_rounds, early_stopping,
                           on_result=report)
    chosen = min(xgb_results, key=lambda r: (r.summary["oof"]["cost"], -r.summary["oof"]["rocAuc"]))
    best_overall = min([*xgb_results, *lr_results], key=lambda r: r.summary["oof"]["cost"])
    log(f"selected {chosen.name} (cost {chosen.summary['oof']['cost']:.0f}); baseline {baseline.name} "
        f"(cost {baseline.summary['oof']['cost']:.0f}); lowest cost overall: {best_overall.name}")
    stages.done("search")

    # --- the selected configuration's fold models: they serve the historical loans out of fold ------
    fold_ens, oof_margin = [], np.empty(n)
    for k, (raw, margin_k) in enumerate(pool.fold_models(chosen.params, chosen.best_rounds)):
        b = xgb.Booster()
        b.load_model(bytearray(raw))
        ens_k = from_booster(quantize_booster(b)[0])
        test = fold_of == k
        oof_margin[test] = margins(ens_k, X[test])
        fold_ens.append(ens_k)
        log(f"fold {k}: {ens_k.n_trees} trees, refit vs search margin {np.abs(margin_k - chosen.oof_margin[test]).max():.2e}, "
            f"quantised vs search {np.abs(oof_margin[test] - chosen.oof_margin[test]).max():.2e}")
    pool.close()
    stages.done("fold_models")

    # --- final model on all labelled rows ------------------------------------------------------
    n_rounds = int(round(float(np.mean(chosen.best_rounds))))
    dall = xgb.DMatrix(X, y, nthread=args.threads)
    raw_booster = xgb.train(xgb_params(chosen.params, args.seed, args.threads), dall, num_boost_round=n_rounds)
    booster, largest_change = quantize_booster(raw_booster)
    ens = from_booster(booster)
    xgb_margin = booster.predict(dall, output_margin=True).astype(np.float64)
    exact_margin = margins(ens, X)
    raw_margin = raw_booster.predict(dall, output_margin=True).astype(np.float64)
    partial = np.abs(exact_margin).max()
    sum_check = {
        "quantumBits": QUANTUM_BITS,
        "largestLeafChange": largest_change,
        "maxAbsMargin": float(partial),
        "exactRange": EXACT_RANGE,
        "xgboostVsExactSum": float(np.abs(xgb_margin - exact_margin).max()),
        "quantizedVsRawMargin": float(np.abs(xgb_margin - raw_margin).max()),
    }
    log(f"final model: {n_rounds} rounds, {ens.n_trees} trees, {len(ens.left)} nodes; leaf quantisation "
        f"{json.dumps(sum_check)}")
    stages.done("final_model")

    # --- calibration on out-of-fold margins ----------------------------------------------------
    raw_prob = sigmoid(oof_margin)
    calib_report = {"before": {"brier": metrics.brier(y, raw_prob), "ece": metrics.ece(y, raw_prob),
                               "reliability": metrics.reliability(y, raw_prob, 10)}, "methods": {}}
    crossfit = {}
    for method in CALIBRATORS:
        p = cross_fitted(method, oof_margin, y, fold_of)
        crossfit[method] = p
        in_sample = CALIBRATORS[method]().fit(oof_margin, y).predict(oof_margin)
        calib_report["methods"][method] = {
            "crossFitted": {"logLoss": metrics.log_loss(y, p), "brier": metrics.brier(y, p), "ece": metrics.ece(y, p),
                            "rocAuc": metrics.roc_auc(y, p), "min": float(p.min()), "max": float(p.max()),
                            "exactlyZeroOrOne": int(np.count_nonzero((p == 0) | (p == 1)))},
            "inSample": {"logLoss": metrics.log_loss(y, in_sample), "brier": metrics.brier(y, in_sample),
                         "ece": metrics.ece(y, in_sample)},
        }
    # no calibrator that can return exactly 0 or 1; among the others the lowest cross-fitted log-loss,
    # Brier breaking ties (ECE is reported, not used: it depends on the binning)
    def never_certain(m):
        return calib_report["methods"][m]["crossFitted"]["exactlyZeroOrOne"] == 0

    method = min((m for m in CALIBRATORS if never_certain(m)),
                 key=lambda m: (calib_report["methods"][m]["crossFitted"]["logLoss"], calib_report["methods"][m]["crossFitted"]["brier"]))
    calibrator = CALIBRATORS[method]().fit(oof_margin, y)
    calibrated = crossfit[method]
    calib_report.update({
        "method": method,
        "fittedOn": "out-of-fold margins of the selected configuration (all folds); figures 'after' are cross-fitted",
        "selection": "lowest cross-fitted log-loss (Brier breaks ties) among the maps that never return exactly 0 or 1",
        "after": {"brier": metrics.brier(y, calibrated), "ece": metrics.ece(y, calibrated),
                  "reliability": metrics.reliability(y, calibrated, 10)},
        "reliabilityPoints": {"before": metrics.reliability(y, raw_prob, 20), "after": metrics.reliability(y, calibrated, 20)},
    })
    log(f"calibration {method}: Brier {calib_report['before']['brier']:.5f} -> {calib_report['after']['brier']:.5f}, "
        f"ECE {calib_report['before']['ece']:.5f} -> {calib_report['after']['ece']:.5f}")
    stages.done("calibration")

    # --- cost-optimal threshold on calibrated out-of-fold probabilities -------------------------
    threshold, cost = metrics.best_threshold(y, calibrated)
    trivial = metrics.trivial_costs(y)
    cost_at_theory = metrics.business_cost(y, calibrated >= THEORETICAL_THRESHOLD)
    refuse = calibrated >= threshold
    threshold_report = {
        "value": threshold,
        "theoretical": THEORETICAL_THRESHOLD,
        "rule": "refuse when calibrated probability >= threshold",
        "costs": {"falseNegative": metrics.FN_COST, "falsePositive": metrics.FP_COST},
        "cost": cost,
        "costPerClient": cost / n,
        "costAtTheoretical": cost_at_theory,
        "acceptAll": trivial["acceptAll"],
        "refuseAll": trivial["refuseAll"],
        "relativeToAcceptAll": cost / trivial["acceptAll"],
        "relativeToRefuseAll": cost / trivial["refuseAll"],
        "baselineCost": baseline.summary["oof"]["cost"],
        "relativeToBaseline": cost / baseline.summary["oof"]["cost"],
        "confusion": metrics.confusion(y, refuse),
        "refusalRate": float(refuse.mean()),
        "evaluatedOn": "cross-fitted calibrated out-of-fold probabilities (63,444 labelled rows)",
        "costCurve": metrics.cost_curve_points(y, calibrated, 300),
    }
    log(f"threshold {threshold:.4f} (theory {THEORETICAL_THRESHOLD:.4f}): cost {cost:.0f} vs accept-all "
        f"{trivial['acceptAll']:.0f}, refuse-all {trivial['refuseAll']:.0f}, baseline {baseline.summary['oof']['cost']:.0f}, "
        f"at 1/11 {cost_at_theory:.0f}; confusion {threshold_report['confusion']}")
    stages.done("threshold")

    # --- fairness: the price of leaving the protected attributes out, proxies, per-group rates -------
    def variant(name: str, columns: list[int]) -> dict:
        """The selected configuration on other columns: same folds, early stopping, calibration method,
        and its own cost-optimal threshold."""
        vpool = FitPool(args.matrix, y, fold_of, args.seed, args.workers, columns=columns)
        r = vpool.run([(name, "xgboost", chosen.params)], max_rounds, early_stopping)[0]
        vpool.close()
        p = cross_fitted(method, r.oof_margin, y, fold_of)
        t, _ = metrics.best_threshold(y, p)
        figures = variant_figures(y, p, t)
        log(f"variant {name} ({len(columns)} inputs): {json.dumps({k: round(v, 5) for k, v in figures.items()})}")
        return {"inputs": len(columns), "cv": figures, "fairness": fairness.fairness_report(y, p, t, groups)}

    model_spec = fm.spec["features"]
    proxies = {attr: fairness.proxy_strength(X, model_spec, groups[attr], args.seed, rounds=30 if quick else 150,
                                             threads=args.workers)
               for attr in ("sex", "ageBand")}
    for attr, pr in proxies.items():
        log(f"proxy of {attr}: AUC {pr['auc']:.3f} ({pr['aucKind']}); leans on "
            f"{[(t['group'], round(t['gainShare'], 3)) for t in pr['topInputs'][:4]]}")
    strongest = sorted({t["group"] for pr in proxies.values() for t in pr["topInputs"][:2]})
    without_proxies = [j for j in model_cols if full.spec["features"][j]["group"] not in strongest]
    variants = {
        "withoutProtected": {"inputs": n_features, "cv": variant_figures(y, calibrated, threshold),
                             "fairness": fairness.fairness_report(y, calibrated, threshold, groups)},
        "withProtected": variant("with_protected", list(range(len(full.feature_names)))),
        "withoutStrongestProxies": {**variant("without_proxies", without_proxies), "dropped": strongest},
    }
    if previous:
        variants["previousModel"] = {"version": previous["version"], "inputs": previous["features"],
                                     "protectedInputs": previous["protectedInputs"], "calibration": previous["calibration"],
                                     "cv": previous["cv"],
                                     "fairness": fairness.fairness_report(y, previous["probability"], previous["threshold"], groups)}
    stages.done("fairness")

    # --- exports -------------------------------------------------------------------------------
    out = args.out
    onnx.save(build_model(ens, double_precision=True, producer_version=xgb.__version__), os.path.join(out, "model.onnx"))
    write_trees(os.path.join(out, "trees.bin"), ens)
    write_json(os.path.join(out, "calibration.json"),
               {**calibrator.export(), "input": "margin (log-odds) of model.onnx",
                "interpolation": "sigmoid(a*m+b)" if method == "platt" else "linear between points, clipped outside"})
    write_oof(os.path.join(out, "oof.bin"), calibrated, y, fold_of, threshold)
    folds_doc = {"what": "the selected configuration's model of each cross-validation fold; a historical loan is served by "
                         "the model of the fold that held it out, calibrated by the map fitted without that fold "
                         "(its out-of-fold probability, as in oof.bin, whose 'fold' block says which)",
                 "folds": []}
    for k, ens_k in enumerate(fold_ens):
        held_out = fold_of == k
        write_trees(os.path.join(out, f"trees_fold{k}.bin"), ens_k)
        cal_k = CALIBRATORS[method]().fit(oof_margin[~held_out], y[~held_out])
        folds_doc["folds"].append({"fold": k, "trees": f"trees_fold{k}.bin", "rounds": chosen.best_rounds[k],
                                   "rows": int(held_out.sum()), "calibration": cal_k.export()})
    write_json(os.path.join(out, "folds.json"), folds_doc)
    fairness_doc = {
        "generatedAt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "evaluatedOn": "cross-fitted calibrated out-of-fold probabilities of the 63,444 labelled loans, at each model's "
                       "cost-optimal threshold",
        "protectedAttributes": {"fields": ["CODE_GENDER", "NAME_FAMILY_STATUS", "DAYS_BIRTH"], "modelColumnsExcluded": protected},
        "attributes": list(fairness.ATTRIBUTES),
        "ageBands": [b[2] for b in fairness.AGE_BANDS],
        "definitions": fairness.DEFINITIONS,
        "variants": variants,
        "proxies": {**proxies, "strongestDropped": strongest,
                    "what": "out-of-fold AUC of a small XGBoost predicting the attribute from the model's own inputs"},
    }
    write_json(os.path.join(out, "fairness.json"), fairness_doc)
    ts_full = read_matrix(args.test_sample) if os.path.exists(args.test_sample) else None
    ts = ts_full.select(model_cols) if ts_full else None
    golden_info = write_golden(os.path.join(out, "golden.json"), booster, calibrator, fm, ts, args.golden_train)
    stages.done("export")

    imp_rows = args.importance_rows or (3000 if quick else n)
    importance = write_importance(os.path.join(out, "importance.json"), booster, X, fm.spec, imp_rows, args.seed)
    log(f"global importance over {imp_rows} rows; top 5: "
        f"{[(g['group'], round(g['meanAbsShap'], 4)) for g in importance['groups'][:5]]}")
    stages.done("importance")

    candidates = [r.summary for r in [*lr_results, *xgb_results]]
    metrics_doc = {
        "generatedAt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quick": quick,
        "data": {"rows": n, "positives": positives, "features": n_features},
        "cv": {"folds": args.folds, "seed": args.seed, "stratified": True, "earlyStopping":
               f"{early_stopping} rounds on AUC of a 10% stratified inner split of each training fold",
               "maxRounds": max_rounds},
        "search": {"configurations": len(configs), "logregCandidates": len(lr_results),
                   "selection": "lowest out-of-fold cost 10*FN + 1*FP at each candidate's own cost-optimal threshold"},
        "selected": {**chosen.summary, "finalRounds": n_rounds},
        "baseline": baseline.summary,
        "candidates": candidates,
        "calibration": calib_report,
        "threshold": threshold_report,
        "curves": {"roc": metrics.roc_points(y, calibrated), "pr": metrics.pr_points(y, calibrated),
                   "rocRaw": metrics.roc_points(y, chosen.oof_score)},
        "leafQuantization": sum_check,
        "golden": golden_info,
        "fairnessPrice": {k: {"inputs": v["inputs"], **v["cv"]} for k, v in variants.items()},
        "runtimeSeconds": {**stages.seconds},
    }
    runtime = stages.total()
    metrics_doc["runtimeSeconds"]["total"] = runtime
    write_json(os.path.join(out, "metrics.json"), metrics_doc)

    metadata = {
        "name": "credit-risk",
        "version": datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S"),
        "createdAt": metrics_doc["generatedAt"],
        "quick": quick,
        "model": {"type": "xgboost", "objective": "binary:logistic", "params": xgb_params(chosen.params, args.seed, args.threads),
                  "rounds": n_rounds, "trees": ens.n_trees, "nodes": int(len(ens.left)), "baseMargin": ens.base_margin,
                  "leafQuantumBits": QUANTUM_BITS, "candidate": chosen.name},
        "onnx": {"file": "model.onnx", "input": "features", "inputType": "float32", "shape": [None, n_features],
                 "output": "margin", "op": "ai.onnx.ml TreeEnsembleRegressor (double thresholds, BRANCH_LT)"},
        "featureSpec": fm.spec,
        "features": fm.feature_names,
        "threshold": threshold,
        "theoreticalThreshold": THEORETICAL_THRESHOLD,
        "costs": {"falseNegative": metrics.FN_COST, "falsePositive": metrics.FP_COST},
        "calibration": {"method": method, "file": "calibration.json"},
        "data": {"source": fm.header["source"], "rows": n, "positives": positives,
                 "matrixSha256": sha256_of(args.matrix), "featuresSha256": features_sha256(X)},
        "files": {"trees": "trees.bin", "metrics": "metrics.json", "importance": "importance.json",
                  "golden": "golden.json", "oof": "oof.bin", "folds": "folds.json", "fairness": "fairness.json"},
        "versions": {"python": platform.python_version(), "xgboost": xgb.__version__, "sklearn": sklearn.__version__,
                     "numpy": np.__version__, "onnx": onnx.__version__},
        "trainingSeconds": runtime,
    }
    write_json(os.path.join(out, "metadata.json"), metadata)
    log(f"done in {runtime:.1f} s ({runtime / 60:.1f} min); stages {json.dumps(stages.seconds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
