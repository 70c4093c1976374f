"""Unit tests of the fairness measurements, the protected-column selection and the bounded calibration."""
from __future__ import annotations

import unittest

import numpy as np

from training.credit import fairness, metrics
from training.credit.calibration import BoundedIsotonicCalibrator, IsotonicCalibrator, cross_fitted
from training.credit.matrix import FeatureMatrix


class ProtectedColumnTests(unittest.TestCase):
    def test_model_columns_leave_out_every_flagged_feature(self):
        spec = {"features": [{"name": "AMT_CREDIT", "group": "AMT_CREDIT"},
                             {"name": "CODE_GENDER=M", "group": "CODE_GENDER", "protected": True},
                             {"name": "AGE_YEARS", "group": "DAYS_BIRTH", "protected": True},
                             {"name": "EXT_SOURCE_1", "group": "EXT_SOURCE_1"}]}
        X = np.arange(8, dtype=np.float32).reshape(2, 4)
        fm = FeatureMatrix(header={"spec": spec, "cols": 4}, X=X, ids=np.array([1.0, 2.0]), y=np.array([0.0, 1.0]))
        self.assertEqual(fm.model_columns, [0, 3])
        sub = fm.select(fm.model_columns)
        self.assertEqual(sub.feature_names, ["AMT_CREDIT", "EXT_SOURCE_1"])
        np.testing.assert_array_equal(sub.X, X[:, [0, 3]])


class GroupTableTests(unittest.TestCase):
    def test_rates_ratios_and_the_four_fifths_rule_on_a_hand_computed_case(self):
        # group A: 200 rows, 20 defaulters; group B: 200 rows, 60 defaulters; refuse when p >= 0.5
        y = np.array([1] * 20 + [0] * 180 + [1] * 60 + [0] * 140)
        p = np.concatenate([np.r_[np.full(10, 0.9), np.full(10, 0.1)], np.r_[np.full(18, 0.6), np.full(162, 0.2)],
                            np.r_[np.full(45, 0.8), np.full(15, 0.3)], np.r_[np.full(35, 0.7), np.full(105, 0.1)]])
        labels = np.array(["A"] * 200 + ["B"] * 200, dtype=object)
        t = fairness.group_table(y, p, 0.5, labels)
        a, b = t["groups"]
        self.assertAlmostEqual(a["approvalRate"], 1 - 28 / 200)
        self.assertAlmostEqual(b["approvalRate"], 1 - 80 / 200)
        self.assertAlmostEqual(a["truePositiveRate"], 10 / 20)
        self.assertAlmostEqual(b["truePositiveRate"], 45 / 60)
        self.assertAlmostEqual(a["falsePositiveRate"], 18 / 180)
        self.assertAlmostEqual(b["falsePositiveRate"], 35 / 140)
        self.assertAlmostEqual(b["approvalRatio"], (120 / 200) / (172 / 200))
        self.assertAlmostEqual(t["demographicParityRatio"], (120 / 200) / (172 / 200))
        self.assertFalse(t["fourFifthsRuleMet"])  # 0.698 < 0.8
        self.assertAlmostEqual(t["equalOpportunityDifference"], 0.25)
        self.assertAlmostEqual(t["equalizedOddsDifference"], 0.25)
        self.assertEqual(t["lowestApproval"], "B")

    def test_small_groups_are_reported_but_not_compared(self):
        y = np.array([0, 1] * 150 + [1, 1])
        p = np.r_[np.full(300, 0.2), 0.9, 0.9]
        labels = np.array(["big"] * 300 + ["tiny"] * 2, dtype=object)
        t = fairness.group_table(y, p, 0.5, labels)
        tiny = [g for g in t["groups"] if g["group"] == "tiny"][0]
        self.assertFalse(tiny["comparable"])
        self.assertEqual(tiny["approvalRate"], 0.0)
        self.assertEqual(t["demographicParityRatio"], 1.0)

    def test_age_bands(self):
        bands = fairness.age_band(np.array([20.0, 25.0, 34.99, 45.0, 64.9, 65.0, np.nan]))
        self.assertEqual(bands.tolist(), ["<25", "25-34", "25-34", "45-54", "55-64", ">=65", fairness.UNKNOWN])


class BoundedCalibrationTests(unittest.TestCase):
    def test_bounded_isotonic_never_returns_zero_or_one_where_isotonic_does(self):
        rng = np.random.default_rng(0)
        m = rng.normal(size=4000)
        y = (rng.random(4000) < 1 / (1 + np.exp(-3 * m))).astype(int)
        y[np.argsort(m)[:200]] = 0  # a pure low end: plain isotonic says 0 there
        folds = np.arange(4000) % 4
        plain = cross_fitted("isotonic", m, y, folds)
        bounded = cross_fitted("isotonic-bounded", m, y, folds)
        self.assertTrue(((plain == 0) | (plain == 1)).any())
        self.assertFalse(((bounded == 0) | (bounded == 1)).any())
        self.assertTrue(np.isinf(metrics.log_loss(y, plain)))
        self.assertTrue(np.isfinite(metrics.log_loss(y, bounded)))
        cal = BoundedIsotonicCalibrator().fit(m, y)
        self.assertEqual(cal.export()["method"], "isotonic")  # served by the same piecewise-linear map
        self.assertGreaterEqual(min(cal.y), 0.5 / 4000)
        self.assertLess(IsotonicCalibrator().fit(m, y).y.min(), 0.5 / 4000)


if __name__ == "__main__":
    unittest.main()
