"""Exports for the TypeScript engine and its parity tests: golden clients (feature rows, XGBoost
margins and pred_contribs), global SHAP importance, and the calibrated out-of-fold probabilities."""
from __future__ import annotations

import json

import numpy as np
import xgboost as xgb

from . import metrics
from .matrix import FeatureMatrix, read_frame
from .trees import write_blocks


def finite_or_none(value):
    """The value with every non-finite float (inf, -inf, nan) replaced by None, recursively: JSON has no
    Infinity or NaN and JSON.parse refuses them, so the trainer writes null where a figure does not exist
    (e.g. a ratio whose denominator is zero)."""
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def write_json(path: str, doc: dict) -> None:
    """Write a trainer document as strict JSON (non-finite figures as null, never Infinity/NaN)."""
    with open(path, "w") as fh:
        json.dump(finite_or_none(doc), fh, indent=1, allow_nan=False)


def f32(v: float) -> str:
    """Shortest decimal that reads back as the same float32 (NaN as null)."""
    x = np.float32(v)
    if np.isnan(x):
        return "null"
    s = np.format_float_positional(x, unique=True, trim="-")
    return s if len(s) <= 12 else np.format_float_scientific(x, unique=True, trim="-")


def f32_list(values) -> str:
    return "[" + ",".join(f32(v) for v in values) + "]"


def write_golden(path: str, booster: xgb.Booster, calibrator, train: FeatureMatrix, test: FeatureMatrix | None,
                 n_train: int) -> dict:
    """A few hundred clients: spread train rows plus the test sample, with XGBoost's own outputs."""
    parts = [("train", train, np.unique(np.round(np.linspace(0, len(train.ids) - 1, n_train)).astype(int)))]
    if test is not None:
        parts.append(("test", test, np.arange(len(test.ids))))
    clients, max_gap = [], 0.0
    for set_name, fm, rows in parts:
        Xs = fm.X[rows]
        d = xgb.DMatrix(Xs)
        margin = booster.predict(d, output_margin=True)
        contribs = booster.predict(d, pred_contribs=True)
        prob = calibrator.predict(margin.astype(np.float64))
        max_gap = max(max_gap, float(np.abs(contribs.astype(np.float64).sum(axis=1) - margin).max()))
        for i, r in enumerate(rows):
            clients.append(
                f'{{"id":{int(fm.ids[r])},"set":"{set_name}","row":{int(r)},"margin":{f32(margin[i])},'
                f'"probability":{json.dumps(float(prob[i]))},"features":{f32_list(Xs[i])},'
                f'"contribs":{f32_list(contribs[i])}}}'
            )
    with open(path, "w") as fh:
        fh.write('{"version":1,"note":"features as trained (float32, null = NaN); margin = XGBoost output_margin; '
                 'contribs = XGBoost pred_contribs (last = bias); probability = final calibration map",\n"clients":[\n')
        fh.write(",\n".join(clients))
        fh.write("\n]}\n")
    return {"clients": len(clients), "xgboostContribSumVsMargin": max_gap}


def write_importance(path: str, booster: xgb.Booster, X: np.ndarray, spec: dict, rows: int, seed: int) -> dict:
    """Mean |SHAP| per model column and per group (contributions of a group's columns summed first)."""
    n = X.shape[0]
    idx = np.arange(n) if rows >= n else np.sort(np.random.default_rng(seed).choice(n, rows, replace=False))
    contribs = np.empty((len(idx), X.shape[1] + 1), dtype=np.float32)
    for start in range(0, len(idx), 8192):
        part = idx[start : start + 8192]
        contribs[start : start + len(part)] = booster.predict(xgb.DMatrix(X[part]), pred_contribs=True)
    names = [f["name"] for f in spec["features"]]
    groups: dict[str, list[int]] = {}
    for j, f in enumerate(spec["features"]):
        groups.setdefault(f["group"], []).append(j)
    c = contribs[:, :-1].astype(np.float64)
    group_rows = [
        {"group": g, "meanAbsShap": float(np.abs(c[:, cols].sum(axis=1)).mean()),
         "meanShap": float(c[:, cols].sum(axis=1).mean()), "features": [names[j] for j in cols]}
        for g, cols in groups.items()
    ]
    group_rows.sort(key=lambda r: -r["meanAbsShap"])
    feature_rows = sorted(({"name": names[j], "group": spec["features"][j]["group"],
                            "meanAbsShap": float(np.abs(c[:, j]).mean())} for j in range(c.shape[1])),
                          key=lambda r: -r["meanAbsShap"])
    doc = {"rows": int(len(idx)), "unit": "log-odds (margin)", "baseValue": float(contribs[0, -1]),
           "groups": group_rows, "features": feature_rows}
    write_json(path, doc)
    return doc


def write_oof(path: str, probability: np.ndarray, y: np.ndarray, fold_of: np.ndarray, threshold: float) -> None:
    write_blocks(path, b"PADOOF01",
                 {"version": 1, "rows": int(len(y)), "threshold": threshold,
                  "what": "cross-fitted calibrated out-of-fold probabilities with labels and folds"},
                 {"probability": np.asarray(probability, dtype=np.float64), "label": np.asarray(y, dtype=np.uint8),
                  "fold": np.asarray(fold_of, dtype=np.uint8)})


def read_blocks(path: str, magic: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """Reader of trees.write_blocks containers."""
    raw, header, start = read_frame(path, magic)
    arrays = {}
    for name, b in header["blocks"].items():
        dtype = np.dtype(b["dtype"]).newbyteorder("<")
        count = int(np.prod(b["shape"]))
        arrays[name] = np.frombuffer(raw, dtype=dtype, count=count, offset=start + b["offset"]).reshape(b["shape"])
    return header, arrays


def read_previous(out_dir: str, y: np.ndarray) -> dict | None:
    """The model about to be replaced in out_dir (its version, CV figures and out-of-fold probabilities),
    for the before/after comparison; None when there is none or it was trained on other rows."""
    import os

    try:
        with open(os.path.join(out_dir, "metadata.json")) as fh:
            meta = json.load(fh)
        _, oof = read_blocks(os.path.join(out_dir, meta["files"]["oof"]), b"PADOOF01")
    except (OSError, KeyError, ValueError):
        return None
    if len(oof["label"]) != len(y) or not np.array_equal(oof["label"].astype(np.int64), y):
        return None
    p = oof["probability"].astype(np.float64)
    protected = [f["name"] for f in meta["featureSpec"]["features"]
                 if f.get("protected") or f.get("field") in ("CODE_GENDER", "NAME_FAMILY_STATUS", "DAYS_BIRTH")
                 or f["name"] in ("AGE_YEARS", "EMPLOYED_AGE_RATIO")]
    return {"version": meta["version"], "threshold": float(meta["threshold"]), "calibration": meta["calibration"]["method"],
            "features": len(meta["features"]), "protectedInputs": protected, "probability": p,
            "cv": variant_figures(y, p, float(meta["threshold"]))}


def variant_figures(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    """The figures compared side by side for each model variant (out-of-fold calibrated probabilities)."""
    return {"rocAuc": metrics.roc_auc(y, p), "prAuc": metrics.pr_auc(y, p), "brier": metrics.brier(y, p),
            "logLoss": metrics.log_loss(y, p), "cost": metrics.business_cost(y, p >= threshold), "threshold": threshold,
            "refusalRate": float(np.mean(p >= threshold))}
