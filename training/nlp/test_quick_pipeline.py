"""End-to-end smoke test: `npm run train:nlp -- --quick` in a temporary cache folder.

Runs every stage (Node data export with transformers.js, TF-IDF baseline, three pretraining
recipes, cross-validated fine-tuning, 80/20 served models, ONNX export, transformers.js parity
check) on the tiny configuration. Needs Node and the npm dependencies (node_modules). About a
minute on two idle cores; the limit below is generous for a busy machine. Set
NLP_SKIP_QUICK_PIPELINE=1 to skip it.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from training.nlp.config import REPO_ROOT

LIMIT_S = int(os.environ.get("NLP_QUICK_LIMIT_S", "900"))


@unittest.skipIf(os.environ.get("NLP_SKIP_QUICK_PIPELINE") == "1", "NLP_SKIP_QUICK_PIPELINE=1")
@unittest.skipIf(shutil.which("npx") is None or not os.path.isdir(os.path.join(REPO_ROOT, "node_modules")),
                 "Node / node_modules not available")
class TestQuickPipeline(unittest.TestCase):
    def test_quick_pipeline_end_to_end(self):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, DATA_CACHE_DIR=cache)
            t0 = time.time()
            proc = subprocess.run(["bash", "training/nlp/train.sh", "--quick"], cwd=REPO_ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=LIMIT_S)
            seconds = time.time() - t0
            print(f"\n[test_quick_pipeline] train.sh --quick: {seconds:.0f} s")
            self.assertEqual(proc.returncode, 0, proc.stdout[-4000:])
            out = os.path.join(cache, "nlp-quick", "models")
            with open(os.path.join(out, "metrics.json"), encoding="utf-8") as f:
                metrics = json.load(f)
            self.assertEqual(metrics["mode"], "quick")
            # grouped folds, both training views: every served model is scored on name + description
            # (cv) and on the name alone (cv_name); transformers over 3 seeds x 5 folds
            self.assertTrue(metrics["protocol"]["cv"]["grouped"])
            self.assertEqual(metrics["protocol"]["holdout"]["train_views"], "both")
            for name, runs in (("tfidf", 5), ("bert", 15), ("roberta", 15), ("bert_dynamic", 15)):
                m = metrics["models"][name]
                for key in ("cv", "cv_name"):
                    self.assertEqual(len(m[key]["macro_f1"]["folds"]), runs, f"{name} {key}")
                    self.assertEqual(m[key]["n_predictions"], metrics["n_products"] * runs // 5, f"{name} {key}")
                self.assertIn("macro_f1", m["holdout_name"], name)
                self.assertEqual(m["cv_protocol"], "grouped")
            for name in ("bert", "roberta", "bert_dynamic"):
                seeds = metrics["models"][name]["cv"]["macro_f1"]["seeds"]
                self.assertEqual([s["seed"] for s in seeds], metrics["protocol"]["cv"]["seeds"])
                self.assertAlmostEqual(sum(s["mean"] for s in seeds) / 3, metrics["models"][name]["cv"]["macro_f1"]["mean"])
            # the ablation on the same protocol (checked above), compared on both test views
            abl = metrics["ablation"]["bert_dynamic"]
            self.assertNotIn("carried_from", metrics["models"]["bert_dynamic"])
            for key in ("cv_macro_f1", "cv_name_macro_f1", "holdout_macro_f1", "holdout_name_macro_f1"):
                self.assertEqual(sorted(abl[key]), ["bert", "bert_dynamic"], key)
            for name in ("bert", "roberta", "bert_dynamic"):
                p = metrics["pretraining"][name]
                self.assertGreaterEqual(p["tokens_seen"], metrics["token_budget"]["tokens_per_pretraining_run"])
                self.assertGreater(len(p["eval_curve"]), 1)
            for name in ("bert", "roberta"):
                for f in ("config.json", "tokenizer.json", "tokenizer_config.json", "golden_logits.json",
                          "onnx/model.onnx"):
                    self.assertTrue(os.path.exists(os.path.join(out, name, f)), f"{name}/{f}")
                self.assertTrue(metrics["serving"][name]["ok"])
                self.assertLessEqual(metrics["serving"][name]["maxAbsDiff"], 1e-4)
            self.assertTrue(metrics["serving"]["tfidf"]["ok"])
            self.assertTrue(metrics["serving"]["ok"])
            # quick mode never writes the committed models
            self.assertFalse(out.startswith(os.path.join(REPO_ROOT, "models")))


if __name__ == "__main__":
    unittest.main()
