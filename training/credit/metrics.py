"""Business cost, ranking and calibration metrics of the credit model (numpy only, plus sklearn AUCs)."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

FN_COST = 10.0  # a missed defaulter (accepted, then defaults)
FP_COST = 1.0  # a good client wrongly refused


def business_cost(y: np.ndarray, refuse: np.ndarray, fn_cost: float = FN_COST, fp_cost: float = FP_COST) -> float:
    """10·FN + 1·FP, refusing where `refuse` is true."""
    y = np.asarray(y).astype(bool)
    refuse = np.asarray(refuse).astype(bool)
    fn = np.count_nonzero(y & ~refuse)
    fp = np.count_nonzero(~y & refuse)
    return float(fn_cost * fn + fp_cost * fp)


def confusion(y: np.ndarray, refuse: np.ndarray) -> dict:
    """Confusion matrix with 'positive' = default predicted (refuse)."""
    y = np.asarray(y).astype(bool)
    refuse = np.asarray(refuse).astype(bool)
    return {
        "tn": int(np.count_nonzero(~y & ~refuse)),
        "fp": int(np.count_nonzero(~y & refuse)),
        "fn": int(np.count_nonzero(y & ~refuse)),
        "tp": int(np.count_nonzero(y & refuse)),
    }


def cost_curve(y: np.ndarray, p: np.ndarray, fn_cost: float = FN_COST, fp_cost: float = FP_COST):
    """Cost of the rule 'refuse when p >= t' for every distinct score t (descending), plus t = +inf
    (refuse nobody). Returns (thresholds, costs), both float64 arrays of the same length."""
    y = np.asarray(y).astype(np.int64)
    p = np.asarray(p, dtype=np.float64)
    order = np.argsort(-p, kind="mergesort")
    ps, ys = p[order], y[order]
    # refusing the first k scores (k = 0..n); only cut where the score changes
    tp = np.concatenate([[0], np.cumsum(ys)])
    fp = np.concatenate([[0], np.cumsum(1 - ys)])
    positives = tp[-1]
    last_of_run = np.concatenate([np.nonzero(ps[1:] != ps[:-1])[0], [len(ps) - 1]]) + 1  # k after each run
    ks = np.concatenate([[0], last_of_run])
    thresholds = np.concatenate([[np.inf], ps[last_of_run - 1]])
    costs = fn_cost * (positives - tp[ks]) + fp_cost * fp[ks]
    return thresholds, costs.astype(np.float64)


def best_threshold(y: np.ndarray, p: np.ndarray, fn_cost: float = FN_COST, fp_cost: float = FP_COST):
    """The threshold t minimising the cost of 'refuse when p >= t' (the highest such t on ties), and that cost."""
    thresholds, costs = cost_curve(y, p, fn_cost, fp_cost)
    i = int(np.argmin(costs))  # first minimum = highest threshold
    return float(thresholds[i]), float(costs[i])


def trivial_costs(y: np.ndarray, fn_cost: float = FN_COST, fp_cost: float = FP_COST) -> dict:
    y = np.asarray(y).astype(bool)
    return {"acceptAll": float(fn_cost * y.sum()), "refuseAll": float(fp_cost * (~y).sum())}


def brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, dtype=np.float64) - np.asarray(y, dtype=np.float64)) ** 2))


def equal_mass_bins(p: np.ndarray, n_bins: int = 10) -> list[np.ndarray]:
    """Indices of n_bins bins of (almost) equal size along increasing p (stable order on ties)."""
    order = np.argsort(np.asarray(p, dtype=np.float64), kind="mergesort")
    return np.array_split(order, n_bins)


def reliability(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> list[dict]:
    """Reliability-curve points over equal-mass bins: mean predicted vs observed rate."""
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    out = []
    for idx in equal_mass_bins(p, n_bins):
        if len(idx) == 0:
            continue
        out.append({"predicted": float(p[idx].mean()), "observed": float(y[idx].mean()), "count": int(len(idx)),
                    "min": float(p[idx].min()), "max": float(p[idx].max())})
    return out


def ece(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error over n_bins equal-mass bins: sum_b (n_b / n) |mean p_b - mean y_b|."""
    n = len(p)
    return float(sum(b["count"] / n * abs(b["predicted"] - b["observed"]) for b in reliability(y, p, n_bins)))


def roc_auc(y: np.ndarray, p: np.ndarray) -> float:
    return float(roc_auc_score(y, p))


def pr_auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the precision-recall curve as average precision."""
    return float(average_precision_score(y, p))


def downsample(points: list[dict], n: int = 300) -> list[dict]:
    """At most n points, evenly spaced by index, always keeping the first and last."""
    if len(points) <= n:
        return points
    idx = np.unique(np.round(np.linspace(0, len(points) - 1, n)).astype(int))
    return [points[i] for i in idx]


def roc_points(y: np.ndarray, p: np.ndarray, n: int = 300) -> list[dict]:
    fpr, tpr, thr = roc_curve(y, p)
    pts = [{"fpr": float(a), "tpr": float(b), "threshold": float(min(t, 1e300))} for a, b, t in zip(fpr, tpr, thr)]
    return downsample(pts, n)


def pr_points(y: np.ndarray, p: np.ndarray, n: int = 300) -> list[dict]:
    precision, recall, thr = precision_recall_curve(y, p)
    pts = [{"recall": float(r), "precision": float(q), "threshold": float(t)}
           for q, r, t in zip(precision[:-1], recall[:-1], thr)]
    pts.append({"recall": 0.0, "precision": 1.0, "threshold": float(thr[-1]) if len(thr) else 1.0})
    return downsample(pts, n)


def cost_curve_points(y: np.ndarray, p: np.ndarray, n: int = 300) -> list[dict]:
    """Cost vs threshold on a regular grid of thresholds in (0, 1), plus the exact optimum."""
    thresholds, costs = cost_curve(y, p)
    grid = np.linspace(0.0, 1.0, n + 1)[1:]
    # cost at t = cost after refusing every score >= t: the last curve threshold >= t
    out = []
    for t in grid:
        i = int(np.searchsorted(-thresholds, -t, side="right")) - 1
        out.append({"threshold": float(t), "cost": float(costs[max(i, 0)])})
    best_t, best_c = best_threshold(y, p)
    out.append({"threshold": best_t, "cost": best_c})
    out.sort(key=lambda d: d["threshold"])
    return out


def mean_std(values) -> dict:
    a = np.asarray(values, dtype=np.float64)
    return {"mean": float(a.mean()), "std": float(a.std(ddof=1)) if len(a) > 1 else 0.0}


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    """Mean negative log-likelihood; infinite as soon as one probability is exactly 0 or 1 on the wrong side."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=np.float64)
    with np.errstate(divide="ignore"):
        ll = np.where(y, np.log(p), np.log1p(-p))
    return float(-ll.mean())
