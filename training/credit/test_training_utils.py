"""Unit tests of the credit training utilities (stdlib unittest; run by npm run test:py)."""
from __future__ import annotations

import itertools
import json
import os
import struct
import tempfile
import unittest

import numpy as np
import onnx
import xgboost as xgb
from sklearn.isotonic import IsotonicRegression

from training.credit import metrics
from training.credit.calibration import IsotonicCalibrator, PlattCalibrator, cross_fitted
from training.credit.cv import fold_assignment
from training.credit.exports import write_json
from training.credit.matrix import MAGIC, read_matrix
from training.credit.onnx_export import build_model
from training.credit.quantize import QUANTUM, quantize_booster
from training.credit.search import sample_configs
from training.credit.trees import from_booster, margins, write_blocks


def brute_force_best(y, p):
    best = (np.inf, None)
    for t in sorted(set(p.tolist()) | {np.inf}, reverse=True):
        c = metrics.business_cost(y, p >= t)
        if c < best[0]:
            best = (c, t)
    return best[1], best[0]


class CostTests(unittest.TestCase):
    def test_business_cost_weights_false_negatives_ten_times(self):
        y = np.array([1, 1, 0, 0, 0])
        refuse = np.array([False, True, True, False, False])
        self.assertEqual(metrics.business_cost(y, refuse), 10 * 1 + 1 * 1)
        self.assertEqual(metrics.confusion(y, refuse), {"tn": 2, "fp": 1, "fn": 1, "tp": 1})

    def test_best_threshold_matches_brute_force_with_ties(self):
        rng = np.random.default_rng(0)
        for _ in range(20):
            p = np.round(rng.random(200), 2)  # many ties
            y = (rng.random(200) < p * 0.3).astype(int)
            t, c = metrics.best_threshold(y, p)
            bt, bc = brute_force_best(y, p)
            self.assertEqual(c, bc)
            self.assertEqual(metrics.business_cost(y, p >= t), c)

    def test_trivial_policies(self):
        y = np.array([1, 0, 0, 1, 0])
        self.assertEqual(metrics.trivial_costs(y), {"acceptAll": 20.0, "refuseAll": 3.0})
        thresholds, costs = metrics.cost_curve(y, np.array([0.1, 0.2, 0.3, 0.4, 0.5]))
        self.assertEqual(costs[0], 20.0)  # t = +inf refuses nobody
        self.assertEqual(costs[-1], 3.0)  # lowest score refuses everyone

    def test_cost_curve_points_include_the_optimum(self):
        rng = np.random.default_rng(1)
        p = rng.random(500)
        y = (rng.random(500) < p / 4).astype(int)
        pts = metrics.cost_curve_points(y, p, 50)
        t, c = metrics.best_threshold(y, p)
        self.assertIn({"threshold": t, "cost": c}, pts)
        self.assertEqual(min(x["cost"] for x in pts), c)
        for x in pts:
            self.assertEqual(x["cost"], metrics.business_cost(y, p >= x["threshold"]))


class CalibrationMetricTests(unittest.TestCase):
    def test_equal_mass_bins_and_ece(self):
        p = np.linspace(0.01, 0.99, 1000)
        self.assertEqual([len(b) for b in metrics.equal_mass_bins(p, 10)], [100] * 10)
        # labels drawn from p: ECE small; constant 0.5 prediction on 20% positives: ECE = 0.3
        rng = np.random.default_rng(2)
        y = (rng.random(1000) < p).astype(int)
        self.assertLess(metrics.ece(y, p), 0.06)
        y2 = np.array([1, 0, 0, 0, 0] * 200)  # every bin holds 20 % positives
        self.assertAlmostEqual(metrics.ece(y2, np.full(1000, 0.5)), 0.3)
        self.assertAlmostEqual(metrics.brier(np.array([1, 0]), np.array([0.5, 0.5])), 0.25)

    def test_isotonic_export_reproduces_sklearn_and_is_monotone(self):
        rng = np.random.default_rng(3)
        m = rng.normal(size=3000)
        y = (rng.random(3000) < 1 / (1 + np.exp(-(m - 2)))).astype(int)
        cal = IsotonicCalibrator().fit(m, y)
        ref = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(m, y)
        grid = np.linspace(-6, 6, 2001)
        np.testing.assert_allclose(cal.predict(grid), ref.predict(grid), atol=1e-12)
        self.assertTrue(np.all(np.diff(cal.predict(grid)) >= 0))
        exported = cal.export()
        self.assertEqual(exported["method"], "isotonic")
        self.assertTrue(np.all(np.diff(exported["x"]) > 0))

    def test_platt_is_increasing_sigmoid(self):
        rng = np.random.default_rng(4)
        m = rng.normal(size=2000)
        y = (rng.random(2000) < 1 / (1 + np.exp(-(2 * m - 1)))).astype(int)
        cal = PlattCalibrator().fit(m, y)
        self.assertGreater(cal.a, 1.5)
        self.assertLess(cal.b, -0.5)

    def test_cross_fitted_calibration_ignores_the_fold_own_labels(self):
        rng = np.random.default_rng(5)
        m = rng.normal(size=2000)
        y = (rng.random(2000) < 0.2).astype(int)
        folds = np.arange(2000) % 5
        a = cross_fitted("isotonic", m, y, folds)
        y2 = y.copy()
        y2[folds == 0] = 1 - y2[folds == 0]  # flip fold 0's labels
        b = cross_fitted("isotonic", m, y2, folds)
        np.testing.assert_array_equal(a[folds == 0], b[folds == 0])
        self.assertFalse(np.array_equal(a[folds == 1], b[folds == 1]))


class SearchAndFoldTests(unittest.TestCase):
    def test_configs_are_deterministic_distinct_and_half_weighted(self):
        a = sample_configs(32, 11.5, 42)
        self.assertEqual(a, sample_configs(32, 11.5, 42))
        self.assertEqual(len({json.dumps(c, sort_keys=True) for c in a}), 32)
        weighted = [c for c in a if c["scale_pos_weight"] != 1.0]
        self.assertEqual(len(weighted), 16)

    def test_folds_are_stratified_and_deterministic(self):
        rng = np.random.default_rng(6)
        y = (rng.random(10000) < 0.08).astype(int)
        f = fold_assignment(y, 5, 42)
        np.testing.assert_array_equal(f, fold_assignment(y, 5, 42))
        rates = [y[f == k].mean() for k in range(5)]
        self.assertLess(max(rates) - min(rates), 0.002)
        self.assertEqual(sorted(np.bincount(f).tolist()), [2000] * 5)


def tiny_booster(seed=0, rounds=30, depth=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(2000, 6)).astype(np.float32)
    X[rng.random(X.shape) < 0.15] = np.nan
    y = ((np.nan_to_num(X[:, 0]) + 0.5 * np.nan_to_num(X[:, 1]) + rng.normal(size=2000)) > 1).astype(int)
    b = xgb.train({"max_depth": depth, "eta": 0.3, "objective": "binary:logistic", "tree_method": "hist", "nthread": 1,
                   "seed": seed}, xgb.DMatrix(X, y), rounds)
    return b, X


class TreeExportTests(unittest.TestCase):
    def test_flat_trees_reproduce_xgboost_margins(self):
        b, X = tiny_booster()
        ens = from_booster(b)
        xm = b.predict(xgb.DMatrix(X), output_margin=True)
        np.testing.assert_allclose(margins(ens, X), xm, atol=1e-5)
        self.assertEqual(ens.n_trees, 30)
        self.assertTrue(np.all(ens.cover > 0))

    def test_quantised_leaves_make_float32_sums_exact(self):
        b, X = tiny_booster(rounds=200)
        q, largest = quantize_booster(b)
        self.assertLessEqual(largest, QUANTUM / 2)
        ens = from_booster(q)
        leaves = ens.threshold[ens.is_leaf].astype(np.float64)
        np.testing.assert_array_equal(np.round(leaves / QUANTUM) * QUANTUM, leaves)
        xm = q.predict(xgb.DMatrix(X), output_margin=True).astype(np.float64)
        np.testing.assert_array_equal(xm, margins(ens, X))  # bit for bit
        raw = b.predict(xgb.DMatrix(X), output_margin=True)
        self.assertLess(np.abs(raw - xm).max(), 200 * QUANTUM)

    def test_onnx_graph_is_valid_tree_ensemble(self):
        b, _ = tiny_booster()
        ens = from_booster(b)
        model = build_model(ens)
        onnx.checker.check_model(model)
        ops = [n.op_type for n in model.graph.node]
        self.assertEqual(ops, ["Cast", "TreeEnsembleRegressor"])
        attrs = {a.name: a for a in model.graph.node[1].attribute}
        n_nodes = len(ens.left)
        self.assertEqual(len(attrs["nodes_modes"].strings), n_nodes)
        self.assertEqual(len(attrs["target_nodeids"].ints), int(ens.is_leaf.sum()))
        # missing values follow XGBoost's default direction
        branch = ~ens.is_leaf
        np.testing.assert_array_equal(np.array(attrs["nodes_missing_value_tracks_true"].ints)[branch], ens.default_left[branch])

    def test_block_container_layout(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.bin")
            a = np.arange(5, dtype=np.int32)
            f = np.array([0.5, np.nan], dtype=np.float32)
            write_blocks(path, b"PADTEST1", {"k": 1}, {"a": a, "f": f})
            with open(path, "rb") as fh:
                raw = fh.read()
            self.assertEqual(raw[:8], b"PADTEST1")
            (n,) = struct.unpack_from("<I", raw, 8)
            header = json.loads(raw[12 : 12 + n])
            start = (12 + n + 7) & ~7
            self.assertEqual(header["k"], 1)
            ba, bf = header["blocks"]["a"], header["blocks"]["f"]
            np.testing.assert_array_equal(np.frombuffer(raw, "<i4", 5, start + ba["offset"]), a)
            self.assertEqual(bf["offset"] % 8, 0)
            np.testing.assert_array_equal(np.frombuffer(raw, "<f4", 2, start + bf["offset"]), f)


class StrictJsonTests(unittest.TestCase):
    def test_non_finite_figures_are_written_as_null(self):
        # A ratio with a zero denominator is inf; JSON.parse (the TypeScript side) refuses Infinity and NaN.
        doc = {"ratio": float("inf"), "rows": [np.float64("nan"), np.float32(0.5), -np.inf], "n": np.int64(7),
               "nested": {"ok": 1.25, "bad": float("-inf")}}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "doc.json")
            write_json(path, doc)
            with open(path) as fh:
                text = fh.read()
        self.assertNotIn("Infinity", text)
        self.assertNotIn("NaN", text)
        back = json.loads(text, parse_constant=lambda c: self.fail(f"non-standard constant {c}"))
        self.assertEqual(back, {"ratio": None, "rows": [None, 0.5, None], "n": 7, "nested": {"ok": 1.25, "bad": None}})


class MatrixReaderTests(unittest.TestCase):
    def test_reads_the_layout_written_by_the_typescript_exporter(self):
        X = np.array([[1.0, np.nan, 3.5], [4.0, 5.0, -6.0]], dtype=np.float32)
        ids = np.array([100002.0, 100003.0])
        y = np.array([1.0, 0.0])
        matrix_bytes = X.astype("<f4").tobytes()
        ids_off = (len(matrix_bytes) + 7) & ~7
        header = {"version": 1, "set": "train", "rows": 2, "cols": 3, "spec": {"features": [{"name": n} for n in "abc"]},
                  "blocks": {"matrix": {"offset": 0, "dtype": "float32", "shape": [2, 3]},
                             "ids": {"offset": ids_off, "dtype": "float64", "shape": [2]},
                             "target": {"offset": ids_off + 16, "dtype": "float64", "shape": [2]}}}
        h = json.dumps(header).encode()
        start = (12 + len(h) + 7) & ~7
        buf = bytearray(start + ids_off + 32)
        buf[:8] = MAGIC
        buf[8:12] = struct.pack("<I", len(h))
        buf[12 : 12 + len(h)] = h
        buf[start : start + len(matrix_bytes)] = matrix_bytes
        buf[start + ids_off : start + ids_off + 16] = ids.astype("<f8").tobytes()
        buf[start + ids_off + 16 :] = y.astype("<f8").tobytes()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.bin")
            with open(path, "wb") as fh:
                fh.write(bytes(buf))
            m = read_matrix(path)
        np.testing.assert_array_equal(m.X, X)
        np.testing.assert_array_equal(m.ids, ids)
        np.testing.assert_array_equal(m.y, y)
        self.assertEqual(m.feature_names, ["a", "b", "c"])

    def test_rejects_foreign_files(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.bin")
            with open(path, "wb") as fh:
                fh.write(b"NOTAMATRIX" + b"\0" * 20)
            with self.assertRaises(ValueError):
                read_matrix(path)


class SeedStudyOverrideTests(unittest.TestCase):
    def test_parameters_are_parsed_as_numbers_and_bad_ones_are_refused(self):
        from training.credit.seed_study import overrides

        self.assertEqual(overrides(["max_depth=2", "eta=0.08", "lambda=50.0"]),
                         {"max_depth": 2, "eta": 0.08, "lambda": 50.0})
        self.assertIsInstance(overrides(["max_depth=2"])["max_depth"], int)
        self.assertIsInstance(overrides(["lambda=50.0"])["lambda"], float)
        for bad in (["max_depth"], ["=2"], ["eta=fast"]):
            with self.assertRaises(SystemExit):
                overrides(bad)


if __name__ == "__main__":
    unittest.main()
