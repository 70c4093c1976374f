"""The exported TF-IDF + logistic-regression files reproduce scikit-learn's predict_proba."""
import json
import os
import tempfile
import unittest

import numpy as np

from training.nlp.config import TfidfConfig
from training.nlp.tfidf_baseline import TfidfLR, _py_char_wb_ngrams, _py_word_ngrams, predict_from_export

WORDS = {
    0: "baby diaper soft cotton infant romper kids feeding bottle".split(),
    1: "watch analog dial strap men women chronograph quartz".split(),
    2: "mug ceramic coffee kitchen dinner plate bowl cookware".split(),
}
EDGE = ["", "Café NAÏVE  été\tx", "İstanbul ΣΑΣ ½ ² ٣ x_y a-b", "!!!", "watch   strap    steel"]


def _corpus(n=90, seed=0):
    rng = np.random.default_rng(seed)
    texts, y = [], []
    for i in range(n):
        c = i % 3
        words = list(rng.choice(WORDS[c], size=12)) + list(rng.choice(sum(WORDS.values(), []), size=4))
        texts.append(" ".join(words).title() + f" {i % 7}.5kg")
        y.append(c)
    return texts, np.array(y)


class TestTfidfExport(unittest.TestCase):
    def test_export_reproduces_sklearn(self):
        texts, y = _corpus()
        cfg = TfidfConfig(word_min_df=1, char_min_df=1, word_max_features=500, char_max_features=800, max_iter=500)
        m = TfidfLR(cfg, seed=0).fit(texts, y)
        probe = texts[:10] + EDGE
        with tempfile.TemporaryDirectory() as d:
            info = m.export(d, ["a", "b", "c"], probe)
            self.assertEqual(info["n_features"], m.n_features)
            ours = predict_from_export(d, probe)
            np.testing.assert_allclose(ours, m.predict_proba(probe), atol=1e-12, rtol=0)
            with open(os.path.join(d, "golden.json")) as f:
                golden = json.load(f)
            self.assertEqual(len(golden["rows"]), len(probe))
            with open(os.path.join(d, "model.json")) as f:
                model = json.load(f)
            self.assertEqual([a["analyzer"] for a in model["analyzers"]], ["word", "char_wb"])
            size = os.path.getsize(os.path.join(d, "weights.f64"))
            self.assertEqual(size, 8 * (m.n_features + 3 * m.n_features))

    def test_analyzers_match_sklearn(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        for text in EDGE + ["ab  cd e", " leading and trailing "]:
            w = TfidfVectorizer(analyzer="word", ngram_range=(1, 2)).build_analyzer()
            self.assertEqual(sorted(_py_word_ngrams(text.lower(), 1, 2)), sorted(w(text)))
            c = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
            self.assertEqual(sorted(_py_char_wb_ngrams(text.lower(), 2, 5)), sorted(c(text)))


if __name__ == "__main__":
    unittest.main()
