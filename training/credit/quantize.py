"""Leaf-value quantisation that makes every float32 sum of leaves exact.

XGBoost adds leaf values one tree at a time in float32, so its margin carries a rounding error of
~1e-6 to 1e-5 over hundreds of trees, and another summation order (ONNX Runtime's threads, the
TypeScript TreeSHAP in float64) gives a slightly different number. Rounding each leaf to a multiple
of 2^-QUANTUM_BITS (a change of at most 2^-(QUANTUM_BITS+1) ≈ 4.8e-7 per leaf) makes every partial
sum a multiple of that quantum; while partial sums stay below 2^(24-QUANTUM_BITS) = 16 in magnitude,
float32 represents them exactly, so XGBoost, ONNX Runtime and the TS sum agree bit for bit."""
from __future__ import annotations

import json

import numpy as np
import xgboost as xgb

QUANTUM_BITS = 20
QUANTUM = 2.0 ** -QUANTUM_BITS
EXACT_RANGE = 2.0 ** (24 - QUANTUM_BITS)


def quantize_value(v: float) -> float:
    return float(np.round(np.float64(v) / QUANTUM) * QUANTUM)


def quantize_booster(booster: xgb.Booster) -> tuple[xgb.Booster, float]:
    """A copy of the booster with quantised leaves, and the largest change of one leaf."""
    model = json.loads(booster.save_raw("json"))
    largest = 0.0
    for tree in model["learner"]["gradient_booster"]["model"]["trees"]:
        conds, weights = tree["split_conditions"], tree["base_weights"]
        for i, left in enumerate(tree["left_children"]):
            if left < 0:
                q = quantize_value(conds[i])
                largest = max(largest, abs(q - conds[i]))
                conds[i] = q
                weights[i] = q
    out = xgb.Booster()
    out.load_model(bytearray(json.dumps(model), "utf-8"))
    return out, largest
