"""Stratified cross-validation of the candidates: folds, the logistic-regression baseline and
XGBoost configurations with early stopping on an inner split of each training fold."""
from __future__ import annotations

import multiprocessing as mp
import os
import time
from dataclasses import dataclass, field

import numpy as np
import xgboost as xgb
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from . import metrics
from .calibration import sigmoid
from .search import BASE_PARAMS


def fold_assignment(y: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    """Fold number (0..n_folds-1) of every row, stratified on y, shuffled with the seed."""
    fold_of = np.empty(len(y), dtype=np.int64)
    skf = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    for k, (_, test) in enumerate(skf.split(np.zeros(len(y)), y)):
        fold_of[test] = k
    return fold_of


@dataclass
class FoldData:
    """DMatrices of one fold, built once and shared by every XGBoost configuration."""

    test_idx: np.ndarray
    train: xgb.DMatrix  # training fold minus the inner early-stopping split
    valid: xgb.DMatrix  # inner early-stopping split
    test: xgb.DMatrix  # the held-out fold


@dataclass
class CandidateResult:
    name: str
    family: str  # "logreg" | "xgboost"
    params: dict
    oof_score: np.ndarray  # probability-like score used for ranking and the threshold
    oof_margin: np.ndarray | None = None
    best_rounds: list[int] = field(default_factory=list)
    seconds: float = 0.0
    summary: dict = field(default_factory=dict)


def summarize(result: CandidateResult, y: np.ndarray, fold_of: np.ndarray) -> dict:
    """OOF ROC AUC, PR AUC and cost at the candidate's own cost-optimal threshold (pooled OOF), with
    per-fold values (cost per fold at the pooled threshold) and their mean ± std."""
    p = result.oof_score
    threshold, cost = metrics.best_threshold(y, p)
    per_fold = []
    for k in range(int(fold_of.max()) + 1):
        m = fold_of == k
        per_fold.append({
            "fold": k,
            "rocAuc": metrics.roc_auc(y[m], p[m]),
            "prAuc": metrics.pr_auc(y[m], p[m]),
            "cost": metrics.business_cost(y[m], p[m] >= threshold),
            "rows": int(m.sum()),
            **({"bestRounds": result.best_rounds[k]} if result.best_rounds else {}),
        })
    summary = {
        "name": result.name,
        "family": result.family,
        "params": result.params,
        "oof": {
            "rocAuc": metrics.roc_auc(y, p),
            "prAuc": metrics.pr_auc(y, p),
            "cost": cost,
            "costPerClient": cost / len(y),
            "threshold": threshold,
            "confusion": metrics.confusion(y, p >= threshold),
        },
        "perFold": per_fold,
        "mean": {key: metrics.mean_std([f[key] for f in per_fold]) for key in ("rocAuc", "prAuc", "cost")},
        "seconds": round(result.seconds, 1),
    }
    if result.best_rounds:
        summary["bestRounds"] = result.best_rounds
    result.summary = summary
    return summary


def xgb_params(config: dict, seed: int, threads: int) -> dict:
    return {**BASE_PARAMS, **config, "seed": seed, "nthread": threads}


# --- parallel fits --------------------------------------------------------------------------------
# Each (candidate, fold) fit is an independent single-threaded task run by a pool of spawned
# workers: on a shared, loaded CPU, two single-threaded fits progress much faster than one
# two-threaded fit (OpenMP threads wait for each other at every tree level), and every fit stays
# deterministic whatever the scheduling.

_STATE: dict = {}


def _init_worker(matrix_path: str, n_folds: int, seed: int, inner_fraction: float, columns) -> None:
    from .matrix import read_matrix

    fm = read_matrix(matrix_path)
    y = fm.y.astype(np.int64)
    X = fm.X if columns is None else np.ascontiguousarray(fm.X[:, columns])
    _STATE.update(X=X, y=y, fold_of=fold_assignment(y, n_folds, seed), seed=seed, inner=inner_fraction, folds={})


def _fold(k: int) -> FoldData:
    folds = _STATE["folds"]
    if k not in folds:
        X, y, fold_of = _STATE["X"], _STATE["y"], _STATE["fold_of"]
        train_idx = np.nonzero(fold_of != k)[0]
        test_idx = np.nonzero(fold_of == k)[0]
        sss = StratifiedShuffleSplit(n_splits=1, test_size=_STATE["inner"], random_state=_STATE["seed"] + k)
        fit_pos, val_pos = next(sss.split(np.zeros(len(train_idx)), y[train_idx]))
        fit_idx, val_idx = train_idx[fit_pos], train_idx[val_pos]
        folds[k] = FoldData(test_idx=test_idx, train=xgb.DMatrix(X[fit_idx], y[fit_idx], nthread=1),
                            valid=xgb.DMatrix(X[val_idx], y[val_idx], nthread=1), test=xgb.DMatrix(X[test_idx], nthread=1))
    return folds[k]


def _run_task(task: tuple):
    """('xgb', candidate, params, fold, max_rounds, early_stopping), ('logreg', candidate, C, fold) or
    ('model', candidate, params, fold, rounds): the fold's model refitted for a fixed number of rounds (the
    trees early stopping kept), returned as raw JSON with its held-out margins."""
    started = time.time()
    kind, candidate = task[0], task[1]
    if kind == "model":
        _, _, params, k, rounds = task
        fold = _fold(k)
        booster = xgb.train(params, fold.train, num_boost_round=rounds)
        out = booster.predict(fold.test, output_margin=True).astype(np.float64)
        return candidate, k, (bytes(booster.save_raw("json")), out), rounds, time.time() - started
    if kind == "xgb":
        _, _, params, k, max_rounds, early_stopping = task
        fold = _fold(k)
        booster = xgb.train(params, fold.train, num_boost_round=max_rounds, evals=[(fold.valid, "valid")],
                            early_stopping_rounds=early_stopping, verbose_eval=False)
        rounds = int(booster.best_iteration) + 1
        out = booster.predict(fold.test, output_margin=True, iteration_range=(0, rounds)).astype(np.float64)
        return candidate, k, out, rounds, time.time() - started
    _, _, C, k = task
    X, y, fold_of = _STATE["X"], _STATE["y"], _STATE["fold_of"]
    test = fold_of == k
    model = make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(),
                          LogisticRegression(C=C, max_iter=2000, random_state=_STATE["seed"]))
    model.fit(X[~test], y[~test])
    return candidate, k, model.predict_proba(X[test])[:, 1], 0, time.time() - started


class FitPool:
    """A pool of single-threaded workers that cross-validate candidates fold by fold."""

    def __init__(self, matrix_path: str, y: np.ndarray, fold_of: np.ndarray, seed: int, workers: int,
                 inner_fraction: float = 0.1, columns: list[int] | None = None) -> None:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = "1"
        self.y, self.fold_of, self.seed = y, fold_of, seed
        self.n_folds = int(fold_of.max()) + 1
        ctx = mp.get_context("spawn")
        self.pool = ctx.Pool(workers, initializer=_init_worker, initargs=(matrix_path, self.n_folds, seed, inner_fraction, columns))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def fold_models(self, params: dict, rounds: list[int]) -> list[tuple[bytes, np.ndarray]]:
        """The selected configuration's model of each fold (same rows and seed as its cross-validation,
        refitted for the rounds early stopping kept, so its held-out margins are the OOF margins)."""
        tasks = [("model", "fold", xgb_params(params, self.seed, 1), k, rounds[k]) for k in range(self.n_folds)]
        out: list = [None] * self.n_folds
        for _, k, result, _, _ in self.pool.imap(_run_task, tasks, chunksize=1):
            out[k] = result
        return out

    def run(self, candidates: list[tuple[str, str, object]], max_rounds: int = 0, early_stopping: int = 0,
            on_result=None) -> list[CandidateResult]:
        """candidates: (name, family, params) with family 'xgboost' (params: config dict) or 'logreg' (params: C).
        Results come back in candidate order; on_result(result) is called as each candidate completes."""
        tasks = []
        for name, family, params in candidates:
            for k in range(self.n_folds):
                if family == "xgboost":
                    tasks.append(("xgb", name, xgb_params(params, self.seed, 1), k, max_rounds, early_stopping))
                else:
                    tasks.append(("logreg", name, params, k))
        n = len(self.y)
        pending = {name: {"family": family, "params": params, "score": np.empty(n), "rounds": [0] * self.n_folds,
                          "seconds": 0.0, "left": self.n_folds} for name, family, params in candidates}
        results = []
        for name, k, out, rounds, seconds in self.pool.imap(_run_task, tasks, chunksize=1):
            p = pending[name]
            p["score"][self.fold_of == k] = out
            p["rounds"][k] = rounds
            p["seconds"] += seconds
            p["left"] -= 1
            if p["left"] == 0:
                if p["family"] == "xgboost":
                    r = CandidateResult(name=name, family="xgboost", params=p["params"], oof_score=sigmoid(p["score"]),
                                        oof_margin=p["score"], best_rounds=p["rounds"], seconds=p["seconds"])
                else:
                    r = CandidateResult(name=name, family="logreg",
                                        params={"C": p["params"], "imputer": "median+indicators", "scaler": "standard"},
                                        oof_score=p["score"], seconds=p["seconds"])
                results.append(r)
                if on_result:
                    on_result(r)
        return results
