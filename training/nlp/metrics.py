"""Classification metrics shared by every model (transformers and the TF-IDF baseline)."""
from __future__ import annotations

from typing import Dict, List, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

SUMMARY_KEYS = ("accuracy", "macro_precision", "macro_recall", "macro_f1")


def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, label_names: Sequence[str]) -> dict:
    """Accuracy, macro P/R/F1, per-class report and confusion matrix (rows = true labels)."""
    labels = list(range(len(label_names)))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    mp, mr, mf, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    return {
        "n": int(len(y_true)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_precision": float(mp),
        "macro_recall": float(mr),
        "macro_f1": float(mf),
        "per_class": {name: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                      for i, name in enumerate(label_names)},
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }


def cv_summary(fold_metrics: List[dict], y_true_all: np.ndarray, oof_pred: np.ndarray,
               label_names: Sequence[str]) -> dict:
    """Mean ± std over folds (sample std, ddof=1) of the summary metrics, per-fold values, and
    the per-class report / confusion matrix of the pooled out-of-fold predictions (the
    confusion matrix is then the sum of the folds' matrices)."""
    out: Dict[str, object] = {}
    for k in SUMMARY_KEYS:
        vals = np.array([m[k] for m in fold_metrics], dtype=float)
        out[k] = {"mean": float(vals.mean()), "std": float(vals.std(ddof=1)) if len(vals) > 1 else 0.0,
                  "folds": vals.tolist()}
    pooled = classification_metrics(y_true_all, oof_pred, label_names)
    out["per_class"] = pooled["per_class"]
    out["confusion_matrix"] = pooled["confusion_matrix"]
    out["pooled"] = {k: pooled[k] for k in SUMMARY_KEYS}
    return out


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
