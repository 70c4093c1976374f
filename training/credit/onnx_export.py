"""ONNX export of an XGBoost ensemble as one ai.onnx.ml TreeEnsembleRegressor (margin output).

Thresholds, leaf weights and the base margin are written as double tensors (*_as_tensor). The
thresholds are the exact float32 split values, so `x < t` decides as XGBoost does, while the
runtime sums the leaves in double precision before returning a float32 margin."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper

from .trees import Ensemble

INPUT = "features"
OUTPUT = "margin"


def build_model(ens: Ensemble, double_precision: bool = True, producer_version: str = "") -> onnx.ModelProto:
    tree_ids, node_ids = [], []
    for t in range(ens.n_trees):
        n = int(ens.tree_offsets[t + 1] - ens.tree_offsets[t])
        tree_ids.extend([t] * n)
        node_ids.extend(range(n))
    tree_ids = np.asarray(tree_ids, dtype=np.int64)
    node_ids = np.asarray(node_ids, dtype=np.int64)
    leaf = ens.is_leaf
    modes = ["LEAF" if is_leaf else "BRANCH_LT" for is_leaf in leaf]
    thresholds = np.where(leaf, 0.0, ens.threshold.astype(np.float64))
    attrs = dict(
        n_targets=1,
        aggregate_function="SUM",
        post_transform="NONE",
        nodes_treeids=tree_ids.tolist(),
        nodes_nodeids=node_ids.tolist(),
        nodes_featureids=np.where(leaf, 0, ens.feature).astype(np.int64).tolist(),
        nodes_modes=modes,
        nodes_truenodeids=np.where(leaf, 0, ens.left).astype(np.int64).tolist(),
        nodes_falsenodeids=np.where(leaf, 0, ens.right).astype(np.int64).tolist(),
        nodes_missing_value_tracks_true=np.where(leaf, 0, ens.default_left).astype(np.int64).tolist(),
        target_treeids=tree_ids[leaf].tolist(),
        target_nodeids=node_ids[leaf].tolist(),
        target_ids=[0] * int(leaf.sum()),
    )
    weights = ens.threshold[leaf].astype(np.float64)
    if double_precision:
        attrs["nodes_values_as_tensor"] = helper.make_tensor("nodes_values", TensorProto.DOUBLE, [len(thresholds)], thresholds)
        attrs["target_weights_as_tensor"] = helper.make_tensor("target_weights", TensorProto.DOUBLE, [len(weights)], weights)
        # onnxruntime reads base values as float whatever the threshold type
        attrs["base_values"] = [float(np.float32(ens.base_margin))]
    else:
        attrs["nodes_values"] = thresholds.astype(np.float32).tolist()
        attrs["target_weights"] = weights.astype(np.float32).tolist()
        attrs["base_values"] = [float(np.float32(ens.base_margin))]
    if double_precision:
        # onnxruntime takes the threshold type from the input type: compare and sum in double
        nodes = [
            helper.make_node("Cast", [INPUT], ["features_f64"], to=TensorProto.DOUBLE),
            helper.make_node("TreeEnsembleRegressor", ["features_f64"], [OUTPUT], domain="ai.onnx.ml", **attrs),
        ]
    else:
        nodes = [helper.make_node("TreeEnsembleRegressor", [INPUT], [OUTPUT], domain="ai.onnx.ml", **attrs)]
    graph = helper.make_graph(
        nodes,
        "credit_risk_xgboost",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, [None, ens.num_features])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, [None, 1])],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)],
        producer_name="training.credit",
        producer_version=producer_version,
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model
