"""Hugging Face compatibility of the encoders: parameter names, shapes, save/load round trip."""
import os
import tempfile
import unittest

import torch

from training.nlp.modeling import (EncoderConfig, EncoderForMaskedLM, EncoderForPreTraining,
                                   EncoderForSequenceClassification)

TINY = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
LABELS = {i: f"c{i}" for i in range(3)}

# Names and shapes of transformers' BertForPreTraining / RobertaForMaskedLM / *ForSequenceClassification
# (layer 0 only; H = hidden, I = intermediate, V = vocab, P = positions).
BERT_PRETRAIN_KEYS = {
    "bert.embeddings.word_embeddings.weight": ("V", "H"),
    "bert.embeddings.position_embeddings.weight": ("P", "H"),
    "bert.embeddings.token_type_embeddings.weight": (2, "H"),
    "bert.embeddings.LayerNorm.weight": ("H",),
    "bert.encoder.layer.0.attention.self.query.weight": ("H", "H"),
    "bert.encoder.layer.0.attention.self.key.bias": ("H",),
    "bert.encoder.layer.0.attention.self.value.weight": ("H", "H"),
    "bert.encoder.layer.0.attention.output.dense.weight": ("H", "H"),
    "bert.encoder.layer.0.attention.output.LayerNorm.bias": ("H",),
    "bert.encoder.layer.0.intermediate.dense.weight": ("I", "H"),
    "bert.encoder.layer.0.output.dense.weight": ("H", "I"),
    "bert.encoder.layer.0.output.LayerNorm.weight": ("H",),
    "bert.pooler.dense.weight": ("H", "H"),
    "cls.predictions.bias": ("V",),
    "cls.predictions.transform.dense.weight": ("H", "H"),
    "cls.predictions.transform.LayerNorm.weight": ("H",),
    "cls.predictions.decoder.weight": ("V", "H"),
    "cls.seq_relationship.weight": (2, "H"),
    "cls.seq_relationship.bias": (2,),
}
ROBERTA_MLM_KEYS = {
    "roberta.embeddings.word_embeddings.weight": ("V", "H"),
    "roberta.embeddings.position_embeddings.weight": ("P", "H"),
    "roberta.embeddings.token_type_embeddings.weight": (1, "H"),
    "roberta.encoder.layer.1.attention.self.query.weight": ("H", "H"),
    "roberta.encoder.layer.1.output.LayerNorm.bias": ("H",),
    "lm_head.dense.weight": ("H", "H"),
    "lm_head.layer_norm.weight": ("H",),
    "lm_head.decoder.weight": ("V", "H"),
    "lm_head.bias": ("V",),
}


def _shape(spec, cfg):
    m = {"V": cfg.vocab_size, "H": cfg.hidden_size, "I": cfg.intermediate_size, "P": cfg.max_position_embeddings}
    return tuple(m.get(s, s) for s in spec)


class TestHfNames(unittest.TestCase):
    def test_bert_pretraining_names_and_shapes(self):
        cfg = EncoderConfig.bert(vocab_size=100, max_position_embeddings=16, **TINY)
        sd = EncoderForPreTraining(cfg).state_dict()
        for k, spec in BERT_PRETRAIN_KEYS.items():
            self.assertIn(k, sd)
            self.assertEqual(tuple(sd[k].shape), _shape(spec, cfg), k)

    def test_roberta_mlm_names_and_shapes(self):
        cfg = EncoderConfig.roberta(vocab_size=100, max_position_embeddings=18, **TINY)
        model = EncoderForMaskedLM(cfg)
        sd = model.state_dict()
        for k, spec in ROBERTA_MLM_KEYS.items():
            self.assertIn(k, sd)
            self.assertEqual(tuple(sd[k].shape), _shape(spec, cfg), k)
        self.assertFalse(any(k.startswith("roberta.pooler") for k in sd))
        # decoder tied to the word embeddings, as in transformers
        self.assertIs(model.lm_head.decoder.weight, model.roberta.embeddings.word_embeddings.weight)

    def test_classification_heads(self):
        b = EncoderForSequenceClassification(EncoderConfig.bert(vocab_size=50, max_position_embeddings=16,
                                                                id2label=LABELS, **TINY)).state_dict()
        self.assertEqual(tuple(b["classifier.weight"].shape), (3, 32))
        self.assertIn("bert.pooler.dense.weight", b)
        r = EncoderForSequenceClassification(EncoderConfig.roberta(vocab_size=50, max_position_embeddings=18,
                                                                   id2label=LABELS, **TINY)).state_dict()
        self.assertEqual(tuple(r["classifier.dense.weight"].shape), (32, 32))
        self.assertEqual(tuple(r["classifier.out_proj.weight"].shape), (3, 32))


class TestRoundTrip(unittest.TestCase):
    def _roundtrip(self, model_cls, cfg, inputs):
        torch.manual_seed(0)
        model = model_cls(cfg).eval()
        with tempfile.TemporaryDirectory() as d:
            model.save_pretrained(d)
            self.assertTrue(os.path.exists(os.path.join(d, "config.json")))
            self.assertTrue(os.path.exists(os.path.join(d, "pytorch_model.bin")))
            loaded, report = model_cls.from_pretrained(d, strict=True)
            self.assertEqual(report["missing"], [])
            self.assertEqual(loaded.config.to_dict(), model.config.to_dict())
        loaded.eval()
        sd1, sd2 = model.state_dict(), loaded.state_dict()
        self.assertEqual(set(sd1), set(sd2))
        for k in sd1:
            self.assertTrue(torch.equal(sd1[k], sd2[k]), k)
        with torch.no_grad():
            a, b = model(*inputs), loaded(*inputs)
        if isinstance(a, dict):
            a, b = a["loss"], b["loss"]
        self.assertTrue(torch.allclose(a, b))

    def test_bert_classifier_roundtrip(self):
        cfg = EncoderConfig.bert(vocab_size=60, max_position_embeddings=16, id2label=LABELS,
                                 label2id={v: k for k, v in LABELS.items()}, **TINY)
        ids = torch.tensor([[2, 5, 7, 3, 0, 0]])
        self._roundtrip(EncoderForSequenceClassification, cfg, (ids, (ids != 0).long()))

    def test_roberta_classifier_roundtrip(self):
        cfg = EncoderConfig.roberta(vocab_size=60, max_position_embeddings=18, id2label=LABELS, **TINY)
        ids = torch.tensor([[0, 5, 7, 2, 1, 1]])
        self._roundtrip(EncoderForSequenceClassification, cfg, (ids, (ids != 1).long()))

    def test_bert_pretraining_roundtrip(self):
        cfg = EncoderConfig.bert(vocab_size=60, max_position_embeddings=16, **TINY)
        ids = torch.tensor([[2, 5, 7, 3, 8, 3]])
        labels = torch.tensor([[-100, 5, -100, -100, 8, -100]])
        self._roundtrip(EncoderForPreTraining, cfg, (ids, torch.ones_like(ids), torch.zeros_like(ids), labels,
                                                     torch.tensor([1])))

    def test_config_json_is_huggingface_shaped(self):
        cfg = EncoderConfig.roberta(vocab_size=60, max_position_embeddings=18, id2label=LABELS, **TINY)
        d = cfg.to_dict()
        for k in ("model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                  "intermediate_size", "max_position_embeddings", "type_vocab_size", "layer_norm_eps",
                  "pad_token_id", "bos_token_id", "eos_token_id", "id2label", "label2id"):
            self.assertIn(k, d)
        self.assertEqual(d["id2label"], {"0": "c0", "1": "c1", "2": "c2"})


class TestOfficialCheckpointLoading(unittest.TestCase):
    """A checkpoint laid out like the official bert-base-uncased file (BertForPreTraining keys,
    legacy LayerNorm gamma/beta names, an extra position_ids buffer) loads into a classifier."""

    def test_legacy_bert_checkpoint_into_classifier(self):
        cfg = EncoderConfig.bert(vocab_size=60, max_position_embeddings=16, **TINY)
        torch.manual_seed(1)
        pre = EncoderForPreTraining(cfg)
        sd = {}
        for k, v in pre.state_dict().items():
            sd[k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta")] = v
        sd["bert.embeddings.position_ids"] = torch.arange(16).unsqueeze(0)
        with tempfile.TemporaryDirectory() as d:
            cfg.save(d)
            torch.save(sd, os.path.join(d, "pytorch_model.bin"))
            clf, report = EncoderForSequenceClassification.from_pretrained(
                d, id2label=LABELS, label2id={v: k for k, v in LABELS.items()})
        self.assertEqual(sorted(report["missing"]), ["classifier.bias", "classifier.weight"])
        self.assertIn("cls.seq_relationship.weight", report["unexpected"])
        self.assertTrue(torch.equal(clf.bert.embeddings.LayerNorm.weight, pre.bert.embeddings.LayerNorm.weight))
        self.assertTrue(torch.equal(clf.bert.pooler.dense.weight, pre.bert.pooler.dense.weight))

    def test_roberta_positions_skip_padding(self):
        cfg = EncoderConfig.roberta(vocab_size=60, max_position_embeddings=18, id2label=LABELS, **TINY)
        model = EncoderForSequenceClassification(cfg).eval()
        ids = torch.tensor([[0, 5, 7, 2, 1, 1]])
        pos = model.roberta.embeddings.position_ids(ids)
        self.assertEqual(pos.tolist(), [[2, 3, 4, 5, 1, 1]])
        # padding does not change the logits of the real tokens
        with torch.no_grad():
            a = model(ids[:, :4], torch.ones(1, 4, dtype=torch.long))
            b = model(ids, (ids != 1).long())
        self.assertTrue(torch.allclose(a, b, atol=1e-6))


if __name__ == "__main__":
    unittest.main()
