"""XGBoost tree ensemble as flat arrays (from the booster's JSON model), a reference numpy evaluator,
and the binary export read by the TypeScript TreeSHAP (lib/credit/treeModel.ts)."""
from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass

import numpy as np


@dataclass
class Ensemble:
    """All trees concatenated; child indices are local to their tree (-1 on leaves)."""

    tree_offsets: np.ndarray  # int64, n_trees + 1
    left: np.ndarray  # int32
    right: np.ndarray  # int32
    feature: np.ndarray  # int32 (leaf: -1)
    threshold: np.ndarray  # float32 split value (x < threshold goes left); leaf: leaf value
    default_left: np.ndarray  # uint8, missing value goes left
    cover: np.ndarray  # float32 sum of hessians (TreeSHAP weights)
    base_margin: float  # added to the sum of leaves
    num_features: int

    @property
    def n_trees(self) -> int:
        return len(self.tree_offsets) - 1

    @property
    def is_leaf(self) -> np.ndarray:
        return self.left < 0


def from_booster(booster) -> Ensemble:
    model = json.loads(booster.save_raw("json"))
    learner = model["learner"]
    objective = learner["objective"]["name"]
    if objective != "binary:logistic":
        raise ValueError(f"unsupported objective {objective}")
    base_score = float(learner["learner_model_param"]["base_score"])
    num_features = int(learner["learner_model_param"]["num_feature"])
    gbm = learner["gradient_booster"]
    if gbm["name"] != "gbtree":
        raise ValueError(f"unsupported booster {gbm['name']}")
    trees = gbm["model"]["trees"]
    offsets, parts = [0], {k: [] for k in ("left", "right", "feature", "threshold", "default_left", "cover")}
    for t in trees:
        if any(s != 0 for s in t.get("split_type", [])):
            raise ValueError("categorical splits are not supported")
        left = np.asarray(t["left_children"], dtype=np.int32)
        leaf = left < 0
        parts["left"].append(left)
        parts["right"].append(np.asarray(t["right_children"], dtype=np.int32))
        parts["feature"].append(np.where(leaf, -1, np.asarray(t["split_indices"], dtype=np.int32)).astype(np.int32))
        parts["threshold"].append(np.asarray([np.float32(v) for v in t["split_conditions"]], dtype=np.float32))
        parts["default_left"].append(np.asarray(t["default_left"], dtype=np.uint8))
        parts["cover"].append(np.asarray([np.float32(v) for v in t["sum_hessian"]], dtype=np.float32))
        offsets.append(offsets[-1] + len(left))
    cat = {k: np.concatenate(v) for k, v in parts.items()}
    return Ensemble(
        tree_offsets=np.asarray(offsets, dtype=np.int64),
        base_margin=math.log(base_score / (1.0 - base_score)),
        num_features=num_features,
        **cat,
    )


def leaf_indices(ens: Ensemble, X: np.ndarray) -> np.ndarray:
    """Global node index of the leaf each row reaches in each tree (float32 comparisons, as XGBoost)."""
    X = np.asarray(X, dtype=np.float32)
    n = X.shape[0]
    out = np.empty((n, ens.n_trees), dtype=np.int64)
    rows = np.arange(n)
    for t in range(ens.n_trees):
        base = ens.tree_offsets[t]
        node = np.zeros(n, dtype=np.int64)
        while True:
            g = base + node
            active = ens.left[g] >= 0
            if not active.any():
                break
            ga = g[active]
            x = X[rows[active], ens.feature[ga]]
            go_left = np.where(np.isnan(x), ens.default_left[ga] == 1, x < ens.threshold[ga])
            node[active] = np.where(go_left, ens.left[ga], ens.right[ga])
        out[:, t] = base + node
    return out


def margins(ens: Ensemble, X: np.ndarray) -> np.ndarray:
    """Sum of leaf values plus base margin, in float64."""
    leaves = leaf_indices(ens, X)
    return ens.base_margin + ens.threshold[leaves].astype(np.float64).sum(axis=1)


MAGIC = b"PADTREE1"


def write_blocks(path: str, magic: bytes, header: dict, arrays: dict[str, np.ndarray]) -> None:
    """Container shared with the TS reader (lib/credit/blockFile.ts): magic, u32 header length,
    JSON header (with 'blocks': name -> offset/dtype/shape), zero padding to 8, then the arrays."""
    blocks, offset, chunks = {}, 0, []
    dtypes = {np.dtype("int32"): "int32", np.dtype("float32"): "float32", np.dtype("float64"): "float64",
              np.dtype("uint8"): "uint8", np.dtype("int64"): "float64"}
    for name, a in arrays.items():
        a = np.ascontiguousarray(a)
        if a.dtype == np.int64:
            a = a.astype(np.float64)
        kind = dtypes[a.dtype]
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes()
        blocks[name] = {"offset": offset, "dtype": kind, "shape": list(a.shape)}
        chunks.append((offset, raw))
        offset = (offset + len(raw) + 7) & ~7
    header = dict(header, blocks=blocks)
    hbytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    start = (8 + 4 + len(hbytes) + 7) & ~7
    out = bytearray(start + offset)
    out[0:8] = magic
    out[8:12] = struct.pack("<I", len(hbytes))
    out[12 : 12 + len(hbytes)] = hbytes
    for off, raw in chunks:
        out[start + off : start + off + len(raw)] = raw
    with open(path, "wb") as fh:
        fh.write(out)


def write_trees(path: str, ens: Ensemble) -> None:
    write_blocks(
        path,
        MAGIC,
        {"version": 1, "trees": ens.n_trees, "nodes": int(len(ens.left)), "baseMargin": ens.base_margin,
         "numFeatures": ens.num_features,
         "comparison": "x < threshold goes left (float32); NaN follows defaultLeft; leaves hold their value in threshold"},
        {"treeOffsets": ens.tree_offsets, "left": ens.left, "right": ens.right, "feature": ens.feature,
         "threshold": ens.threshold, "cover": ens.cover, "defaultLeft": ens.default_left},
    )
