"""Seed study summary: repetition means, their sample std, and the pooled fold values."""
import unittest

from training.nlp.seed_study import summarize


class SummarizeTest(unittest.TestCase):
    def test_golden_values(self):
        s = summarize([[0.90, 0.92, 0.88], [0.86, 0.88, 0.87], [0.91, 0.93, 0.92]])
        self.assertEqual([round(r["mean"], 6) for r in s["repetitions"]], [0.9, 0.87, 0.92])
        self.assertAlmostEqual(s["mean_of_means"], 0.896666667, places=8)
        self.assertAlmostEqual(s["std_of_means"], 0.025166115, places=8)  # sample std (ddof=1)
        self.assertEqual(s["pooled_folds"]["n"], 9)
        self.assertAlmostEqual(s["pooled_folds"]["mean"], 0.896666667, places=8)

    def test_one_repetition_has_no_spread(self):
        s = summarize([[0.9, 0.8]])
        self.assertEqual(s["std_of_means"], 0.0)
        self.assertAlmostEqual(s["mean_of_means"], 0.85)


if __name__ == "__main__":
    unittest.main()
