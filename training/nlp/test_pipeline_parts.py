"""Small parts of the pipeline (issue #18): the training rows of both views, and the ablation's
figures carried from the previous metrics.json when its stages are not cached."""
import unittest

import numpy as np

from training.nlp.groups import both_views
from training.nlp.pipeline import carry_ablations


class TestBothViews(unittest.TestCase):
    def test_each_product_twice_with_its_label(self):
        texts = ["a long text 0", "a long text 1", "a long text 2"]
        names = ["n0", "n1", "n2"]
        rows, y = both_views(np.array([2, 0]), texts, names, np.array([5, 6, 7]))
        self.assertEqual(rows, ["a long text 2", "a long text 0", "n2", "n0"])
        self.assertEqual(y.tolist(), [7, 5, 7, 5])


class TestCarryAblations(unittest.TestCase):
    def old(self):
        return {"generated_at": "2026-11-30T10:00:00+0000",
                "models": {"bert": {"cv": 1}, "bert_dynamic": {"cv": {"macro_f1": {"mean": 0.88}}}},
                "pretraining": {"bert_dynamic": {"steps": 10}}, "ablation": {"bert_dynamic": {"compared_with": "bert"}},
                "token_budget": {"runs": {"bert_dynamic": {"steps": 10}}}}

    def new(self):
        return {"models": {"bert": {"cv": 2}}, "pretraining": {}, "ablation": {"bert_dynamic": {"partial": True}},
                "token_budget": {"runs": {}}}

    def test_missing_ablation_is_carried_and_marked(self):
        m = self.new()
        carry_ablations(m, self.old(), ("bert_dynamic",))
        abl = m["models"]["bert_dynamic"]
        self.assertEqual(abl["cv"]["macro_f1"]["mean"], 0.88)
        self.assertEqual(abl["cv_protocol"], "stratified")
        self.assertEqual(abl["carried_from"], "2026-11-30T10:00:00+0000")
        self.assertEqual(m["ablation"]["bert_dynamic"]["compared_with"], "bert")
        self.assertEqual(m["pretraining"]["bert_dynamic"]["carried_from"], "2026-11-30T10:00:00+0000")
        self.assertEqual(m["token_budget"]["runs"]["bert_dynamic"], {"steps": 10})
        self.assertEqual(m["models"]["bert"], {"cv": 2})  # a model of this run is never replaced

    def test_carried_twice_keeps_the_date_of_the_run_that_measured_it(self):
        first = self.new()
        carry_ablations(first, self.old(), ("bert_dynamic",))
        first["generated_at"] = "2026-12-07T04:00:00+0000"
        second = self.new()
        carry_ablations(second, first, ("bert_dynamic",))
        self.assertEqual(second["models"]["bert_dynamic"]["carried_from"], "2026-11-30T10:00:00+0000")
        self.assertEqual(second["ablation"]["bert_dynamic"]["carried_from"], "2026-11-30T10:00:00+0000")

    def test_an_ablation_measured_on_the_grouped_protocol_keeps_its_protocol_when_carried(self):
        old = self.old()
        old["models"]["bert_dynamic"]["cv_protocol"] = "grouped"
        m = self.new()
        carry_ablations(m, old, ("bert_dynamic",))
        self.assertEqual(m["models"]["bert_dynamic"]["cv_protocol"], "grouped")
        self.assertEqual(m["models"]["bert_dynamic"]["carried_from"], "2026-11-30T10:00:00+0000")

    def test_an_ablation_of_this_run_is_kept(self):
        m = self.new()
        m["models"]["bert_dynamic"] = {"cv": "this run"}
        carry_ablations(m, self.old(), ("bert_dynamic",))
        self.assertEqual(m["models"]["bert_dynamic"], {"cv": "this run"})
        self.assertEqual(m["ablation"]["bert_dynamic"], {"partial": True})


if __name__ == "__main__":
    unittest.main()
