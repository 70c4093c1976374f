"""Fairness of the credit decision: groups by the protected attributes (sex, age band, marital status),
per-group rates at the cost-optimal threshold, and how well the model's own inputs predict those
attributes (proxies). The attributes are read from the protected columns of the training matrix:
they are measured here and never given to the model.

Names follow Fairlearn (https://fairlearn.org): selection rate, demographic parity ratio, true and
false positive rates (equal opportunity, equalized odds). Here 'positive' means 'predicted to
default', i.e. refused, so the approval rate is 1 - selection rate."""
from __future__ import annotations

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from . import metrics

AGE_BANDS = [(0, 25, "<25"), (25, 35, "25-34"), (35, 45, "35-44"), (45, 55, "45-54"), (55, 65, "55-64"), (65, 200, ">=65")]
ATTRIBUTES = ("sex", "ageBand", "familyStatus")
UNKNOWN = "(unknown)"
#: groups smaller than this are reported but not used for the ratios (too few rows to conclude)
MIN_GROUP = 100

DEFINITIONS = {
    "approvalRate": "share of the group accepted (probability below the threshold) = 1 - selection rate",
    "approvalRatio": "group approval rate / highest group approval rate (four-fifths rule: >= 0.8)",
    "demographicParityRatio": "lowest / highest approval rate among groups (Fairlearn demographic_parity_ratio, on approvals)",
    "truePositiveRate": "share of the group's defaulters that are refused (equal opportunity compares it across groups)",
    "falsePositiveRate": "share of the group's good payers that are refused (equalized odds compares TPR and FPR)",
    "equalOpportunityDifference": "highest - lowest true positive rate among groups",
    "equalizedOddsDifference": "max of the TPR and FPR differences (Fairlearn equalized_odds_difference)",
    "calibration": "mean predicted default probability vs observed default rate in the group",
    "rocAuc": "ranking quality inside the group (null when the group has one class only)",
}


def _onehot_level(X: np.ndarray, names: list[str], field: str) -> np.ndarray:
    out = np.full(X.shape[0], UNKNOWN, dtype=object)
    for j, name in enumerate(names):
        if name.startswith(field + "="):
            level = name[len(field) + 1 :]
            out[X[:, j] == 1] = level
    return out


def age_band(age_years: np.ndarray) -> np.ndarray:
    out = np.full(len(age_years), UNKNOWN, dtype=object)
    for lo, hi, label in AGE_BANDS:
        out[(age_years >= lo) & (age_years < hi)] = label
    return out


def group_labels(X_full: np.ndarray, names: list[str]) -> dict[str, np.ndarray]:
    """Sex, age band and marital status of every row, from the protected columns of the full matrix."""
    return {
        "sex": _onehot_level(X_full, names, "CODE_GENDER"),
        "ageBand": age_band(X_full[:, names.index("AGE_YEARS")].astype(np.float64)),
        "familyStatus": _onehot_level(X_full, names, "NAME_FAMILY_STATUS"),
    }


def _rate(mask: np.ndarray, within: np.ndarray) -> float | None:
    n = int(within.sum())
    return float((mask & within).sum() / n) if n else None


def group_table(y: np.ndarray, p: np.ndarray, threshold: float, labels: np.ndarray) -> dict:
    """Per-group rows and the summary ratios/differences over groups of at least MIN_GROUP rows."""
    y = np.asarray(y).astype(bool)
    refuse = p >= threshold
    order = [b[2] for b in AGE_BANDS]
    keys = sorted(set(labels.tolist()), key=lambda k: (order.index(k) if k in order else len(order), k))
    rows = []
    for key in keys:
        m = labels == key
        n = int(m.sum())
        auc = float(roc_auc_score(y[m], p[m])) if 0 < y[m].sum() < n else None
        rows.append({
            "group": key, "count": n, "share": n / len(y), "defaultRate": float(y[m].mean()),
            "approvalRate": float(1 - refuse[m].mean()),
            "truePositiveRate": _rate(refuse, m & y), "falsePositiveRate": _rate(refuse, m & ~y),
            "rocAuc": auc, "meanPredicted": float(p[m].mean()), "observed": float(y[m].mean()),
            "comparable": n >= MIN_GROUP,
        })
    ok = [r for r in rows if r["comparable"]]
    top = max(r["approvalRate"] for r in ok)
    for r in rows:
        r["approvalRatio"] = r["approvalRate"] / top if top > 0 else None
    tpr = [r["truePositiveRate"] for r in ok if r["truePositiveRate"] is not None]
    fpr = [r["falsePositiveRate"] for r in ok if r["falsePositiveRate"] is not None]
    lowest = min(ok, key=lambda r: r["approvalRate"])
    return {
        "groups": rows,
        "demographicParityRatio": lowest["approvalRate"] / top if top > 0 else None,
        "lowestApproval": lowest["group"],
        "highestApproval": max(ok, key=lambda r: r["approvalRate"])["group"],
        "equalOpportunityDifference": max(tpr) - min(tpr),
        "equalizedOddsDifference": max(max(tpr) - min(tpr), max(fpr) - min(fpr)),
        "fourFifthsRuleMet": lowest["approvalRate"] >= 0.8 * top,
        "minGroupForRatios": MIN_GROUP,
    }


def fairness_report(y: np.ndarray, p: np.ndarray, threshold: float, groups: dict[str, np.ndarray]) -> dict:
    return {
        "threshold": threshold,
        "overall": {"count": int(len(y)), "defaultRate": float(np.mean(y)), "approvalRate": float(np.mean(p < threshold)),
                    "rocAuc": metrics.roc_auc(y, p)},
        "by": {attr: group_table(y, p, threshold, groups[attr]) for attr in ATTRIBUTES},
    }


def _group_gain(booster: xgb.Booster, spec_features: list[dict]) -> list[dict]:
    gain = booster.get_score(importance_type="total_gain")
    by_group: dict[str, float] = {}
    for j, f in enumerate(spec_features):
        by_group[f["group"]] = by_group.get(f["group"], 0.0) + gain.get(f"f{j}", 0.0)
    total = sum(by_group.values()) or 1.0
    ranked = sorted(by_group.items(), key=lambda kv: -kv[1])
    return [{"group": g, "gainShare": v / total} for g, v in ranked if v > 0]


def proxy_strength(X: np.ndarray, spec_features: list[dict], target: np.ndarray, seed: int, folds: int = 3,
                   rounds: int = 150, threads: int = 2) -> dict:
    """How well the model's inputs predict a protected attribute: out-of-fold AUC of a small XGBoost
    (one-vs-rest macro AUC for more than two classes) and the input groups it leans on (share of gain)."""
    known = target != UNKNOWN
    classes = sorted(set(target[known].tolist()))
    counts = {c: int((target == c).sum()) for c in classes}
    classes = [c for c in classes if counts[c] >= MIN_GROUP]
    keep = np.isin(target, classes)
    Xk, labels = X[keep], np.array([classes.index(t) for t in target[keep]])
    binary = len(classes) == 2
    params = {"max_depth": 4, "eta": 0.1, "min_child_weight": 20, "subsample": 0.8, "tree_method": "hist",
              "seed": seed, "nthread": threads,
              **({"objective": "binary:logistic"} if binary else {"objective": "multi:softprob", "num_class": len(classes)})}
    oof = np.zeros((len(labels), 1 if binary else len(classes)))
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in skf.split(np.zeros(len(labels)), labels):
        b = xgb.train(params, xgb.DMatrix(Xk[train], labels[train]), num_boost_round=rounds)
        oof[test] = b.predict(xgb.DMatrix(Xk[test])).reshape(len(test), -1)
    auc = float(roc_auc_score(labels, oof[:, 0])) if binary else float(roc_auc_score(labels, oof, multi_class="ovr"))
    full = xgb.train(params, xgb.DMatrix(Xk, labels), num_boost_round=rounds)
    return {"classes": classes, "rows": int(keep.sum()), "auc": auc,
            "aucKind": "binary" if binary else "one-vs-rest macro", "folds": folds, "rounds": rounds,
            "topInputs": _group_gain(full, spec_features)[:8]}
