"""The hyper-parameter search space of the XGBoost candidates: a seeded random sample, half of
the configurations without class weighting and half with it."""
from __future__ import annotations

import numpy as np

GRID = {
    "eta": [0.04, 0.06, 0.08, 0.12],
    "max_depth": [3, 4, 5, 6],
    "min_child_weight": [1, 5, 20, 50, 100],
    "subsample": [0.6, 0.7, 0.8, 0.9, 1.0],
    "colsample_bytree": [0.3, 0.4, 0.5, 0.7, 0.9],
    "lambda": [0.5, 1.0, 5.0, 20.0, 50.0],
    "alpha": [0.0, 0.1, 1.0, 5.0],
    "gamma": [0.0, 0.1, 0.5, 1.0, 2.0],
}

BASE_PARAMS = {
    "objective": "binary:logistic",
    "eval_metric": "auc",
    "tree_method": "hist",
    "max_bin": 256,
}


def class_weights(neg_over_pos: float) -> list[float]:
    """Weights of the positive class tried by weighted configurations: sqrt(ratio) and the ratio."""
    return [round(float(np.sqrt(neg_over_pos)), 3), round(float(neg_over_pos), 3)]


def sample_configs(n: int, neg_over_pos: float, seed: int) -> list[dict]:
    """n distinct configurations; even indices unweighted, odd ones class-weighted. The first is a
    hand-picked sensible default so that the search always contains it."""
    rng = np.random.default_rng(seed)
    weights = class_weights(neg_over_pos)
    configs: list[dict] = [{"eta": 0.05, "max_depth": 4, "min_child_weight": 20, "subsample": 0.8,
                            "colsample_bytree": 0.5, "lambda": 5.0, "alpha": 0.0, "gamma": 0.0,
                            "scale_pos_weight": 1.0}]
    seen = {tuple(sorted(configs[0].items()))}
    while len(configs) < n:
        c = {k: v[int(rng.integers(len(v)))] for k, v in GRID.items()}
        c = {k: (float(v) if isinstance(v, float) else int(v)) for k, v in c.items()}
        c["scale_pos_weight"] = 1.0 if len(configs) % 2 == 0 else weights[int(rng.integers(len(weights)))]
        key = tuple(sorted(c.items()))
        if key not in seen:
            seen.add(key)
            configs.append(c)
    return configs
