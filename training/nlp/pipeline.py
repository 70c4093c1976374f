"""The NLP technology-watch pipeline: `npm run train:nlp` (training/nlp/train.sh) runs it.

    /usr/bin/python3 -m training.nlp.pipeline [--quick] [--force] [--only STAGE[,STAGE]]
        [--init-bert DIR] [--init-roberta DIR] [--data-dir D] [--work-dir W] [--out-dir O]

Stages, in order (each caches its result in the work dir and is skipped when it already ran
with the same settings, unless --force):

  tfidf                TF-IDF + LR: 5-fold CV, served model on the 80 % split, export
  pretrain:<recipe>    bert, roberta, bert_dynamic (ablation) from scratch, same token budget
  cv:<recipe>          5-fold CV fine-tuning of bert and roberta
  final:<recipe>       served bert / roberta: 80 % fine-tuning, 20 % evaluation, ONNX export
  cv:bert_dynamic      ablation fine-tuning (CV only, not exported)
  report               metrics.json + report.md in the output dir

--init-bert / --init-roberta take a Hugging Face checkpoint folder (config.json +
pytorch_model.bin, e.g. the official bert-base-uncased / roberta-base) instead of pretraining:
the same fine-tuning and export then run unchanged.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from typing import Dict, List, Optional

import numpy as np
import torch

from . import config as C
from .data import load_corpus, load_products, load_special_tokens
from .export_onnx import folder_size, write_golden_logits, write_model_folder
from .finetune import evaluate, predict_logits, round_to_fp16, train_classifier
from .groups import both_views, load_product_views, near_duplicate_groups, stratified_group_folds
from .metrics import SUMMARY_KEYS, classification_metrics, cv_summary, softmax
from .modeling import count_parameters
from .pretrain import pretrain
from .tfidf_baseline import TfidfLR
from .utils import Timer, log, read_json, setup_torch, write_json


HOLDOUT_FOLD = 0
TRAIN_VIEWS = "both"  # every model trains on each product twice: name + description, and the name alone
CV_REPETITIONS = (0, 1, 2)  # transformers: fine-tuning seeds cfg.seed + 1000·rep (+ fold), the mean is reported


def _hash(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:16]


class Pipeline:
    def __init__(self, cfg: C.PipelineConfig, data_dir: str, work_dir: str, out_dir: str, force: bool = False,
                 init: Optional[Dict[str, str]] = None):
        self.cfg, self.data_dir, self.work_dir, self.out_dir, self.force = cfg, data_dir, work_dir, out_dir, force
        self.init = {k: os.path.abspath(v) for k, v in (init or {}).items() if v}
        self.timings: Dict[str, float] = {}
        self._products = {}
        self._corpus = {}
        self._special = {}
        self._views = None
        self._groups = None

    # ------------------------------------------------------------------ inputs

    def tokenizer_dir(self, kind: str) -> str:
        return os.path.join(self.data_dir, "tokenizers", kind)

    def special(self, kind: str):
        if kind not in self._special:
            self._special[kind] = load_special_tokens(self.tokenizer_dir(kind))
        return self._special[kind]

    def products(self, kind: str):
        if kind not in self._products:
            self._products[kind] = load_products(self.data_dir, kind)
        return self._products[kind]

    def corpus(self, kind: str):
        if kind not in self._corpus:
            self._corpus[kind] = load_corpus(self.data_dir, kind)
        return self._corpus[kind]

    @property
    def labels(self) -> np.ndarray:
        return self.products("bert").labels

    @property
    def label_names(self) -> List[str]:
        return self.products("bert").label_names

    @property
    def views(self):
        """Names (from the Flipkart CSV) beside products.json's texts, checked product by product."""
        if self._views is None:
            self._views = load_product_views(self.data_dir)
            if self._views.ids != self.products("bert").ids:
                raise ValueError("products.json and the Flipkart CSV disagree: re-run exportNlpData.ts")
        return self._views

    @property
    def groups(self) -> np.ndarray:
        """Near-duplicate groups (groups.py: word 5-gram Jaccard >= 0.5 on name + description)."""
        if self._groups is None:
            self._groups = near_duplicate_groups(self.views.texts)
        return self._groups

    @property
    def folds(self) -> np.ndarray:
        """The stratified *group* folds (issue #18): a near-duplicate group never spans two folds."""
        return stratified_group_folds(self.labels, self.groups, self.cfg.finetune.folds, self.cfg.seed)

    @property
    def split(self):
        """The served models' split: grouped fold 0 (20 %) is held out, folds 1-4 train them, so the
        served transformer is the grouped CV's fold-0 model of the first seed (same rows, same seed)."""
        folds = self.folds
        return np.where(folds != HOLDOUT_FOLD)[0], np.where(folds == HOLDOUT_FOLD)[0]

    def name_seqs(self, kind: str) -> List[np.ndarray]:
        """Token ids of each product's name alone (training/nlp/export_names.ts), truncated like the texts."""
        from .grouped_study import load_name_tokens

        seqs = [t[: self.cfg.arch.max_len] for t in load_name_tokens(self.data_dir, kind)]
        if len(seqs) != len(self.labels):
            raise ValueError("name ids and products.json disagree: re-run training/nlp/export_names.ts")
        return seqs

    # ------------------------------------------------------------------ stage bookkeeping

    def stage_file(self, stage: str) -> str:
        return os.path.join(self.work_dir, "stages", stage.replace(":", "__") + ".json")

    def cached(self, stage: str, key: str) -> Optional[dict]:
        path = self.stage_file(stage)
        if self.force or not os.path.exists(path):
            return None
        res = read_json(path)
        return res if res.get("key") == key else None

    def run_stage(self, stage: str, key_obj, fn) -> dict:
        key = _hash(key_obj)
        res = self.cached(stage, key)
        if res is not None:
            log(f"[{stage}] cached ({res.get('seconds', 0):.0f} s when it ran); skipped")
            self.timings[stage] = 0.0
            return res
        log(f"[{stage}] start")
        t = Timer()
        res = fn()
        res["key"] = key
        res.setdefault("seconds", t.seconds)  # pretraining reports its own (resumed runs: summed)
        res["stage_seconds"] = t.seconds
        write_json(self.stage_file(stage), res)
        self.timings[stage] = t.seconds
        log(f"[{stage}] done in {t.seconds:.1f} s")
        return res

    def recipe_key(self, name: str) -> dict:
        r = self.cfg.recipes[name]
        return {"arch": self.cfg.arch, "pretrain": self.cfg.pretrain, "recipe": r, "seed": self.cfg.seed,
                "init": self.init.get(name), "data": self.data_manifest()}

    def data_manifest(self) -> dict:
        path = os.path.join(self.data_dir, "manifest.json")
        return read_json(path)["key"] if os.path.exists(path) else {}

    def ft_key(self, name: str) -> dict:
        return {"recipe": self.recipe_key(name), "finetune": self.cfg.finetune, "max_len": self.cfg.arch.max_len}

    def stage_key(self, stage: str) -> dict:
        """Everything a stage's result depends on (its cache key)."""
        kind, _, name = stage.partition(":")
        cfg = self.cfg
        protocol = {"folds": "grouped", "holdout_fold": HOLDOUT_FOLD, "train_views": TRAIN_VIEWS}
        if kind == "tfidf":
            return {"tfidf": cfg.tfidf, "seed": cfg.seed, "folds": cfg.finetune.folds,
                    "data": self.data_manifest(), "protocol": protocol, "v": 4}
        if kind == "pretrain":
            return self.recipe_key(name)
        if kind == "cv":
            return {"ft": self.ft_key(name), "protocol": protocol, "repetitions": CV_REPETITIONS, "v": 4}
        return {"ft": self.ft_key(name), "fp16": cfg.export_fp16, "golden": cfg.golden_products,
                "served": name in cfg.served, "protocol": protocol, "v": 4,
                # an ablation's final model trained on name + description alone until v4: not reused
                **({"ablation_views": TRAIN_VIEWS} if name in cfg.ablations else {})}

    def pretrained_dir(self, name: str) -> str:
        return self.init.get(name) or os.path.join(self.work_dir, "pretrain", name)

    # ------------------------------------------------------------------ stages

    def stage_tfidf(self) -> dict:
        """TF-IDF + LR: grouped CV (trained on both views, scored on name + description and on the
        name alone), then the served model on the split's training products (both views)."""
        cfg = self.cfg

        def run():
            P, V = self.products("bert"), self.views
            texts, names, y, folds = P.texts, V.names, P.labels, self.folds
            metrics = {"text": [], "name": []}
            oof = {"text": np.zeros(len(y), dtype=np.int64), "name": np.zeros(len(y), dtype=np.int64)}
            fit_s = []
            for k in range(cfg.finetune.folds):
                tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
                t = Timer()
                m = TfidfLR(cfg.tfidf, cfg.seed).fit(*both_views(tr, texts, names, y))
                fit_s.append(t.seconds)
                for view, src in (("text", texts), ("name", names)):
                    pred = m.predict_proba([src[i] for i in te]).argmax(1)
                    oof[view][te] = pred
                    metrics[view].append(classification_metrics(y[te], pred, P.label_names))
                log(f"[tfidf] fold {k}: macro-F1 {metrics['text'][-1]['macro_f1']:.4f} / name alone "
                    f"{metrics['name'][-1]['macro_f1']:.4f} ({m.n_features} features)")
            tr, te = self.split
            t = Timer()
            m = TfidfLR(cfg.tfidf, cfg.seed).fit(*both_views(tr, texts, names, y))
            train_s = t.seconds
            hold = {view: classification_metrics(y[te], m.predict_proba([src[i] for i in te]).argmax(1), P.label_names)
                    for view, src in (("text", texts), ("name", names))}
            golden = [texts[i] for i in te[:20]] + [names[i] for i in te[:10]] + GOLDEN_EDGE_TEXTS
            out = os.path.join(self.out_dir, "tfidf")
            exp = m.export(out, P.label_names, golden)
            t = Timer()
            for i in te[:50]:
                m.predict_proba([texts[i]])
            latency_ms = 1000 * t.seconds / min(50, len(te))
            return {"cv": {**cv_summary(metrics["text"], y, oof["text"], P.label_names), "n_predictions": int(len(y))},
                    "cv_name": {**cv_summary(metrics["name"], y, oof["name"], P.label_names), "n_predictions": int(len(y))},
                    "cv_fit_seconds": fit_s, "holdout": hold["text"], "holdout_name": hold["name"],
                    "train_seconds": train_s, "n_features": exp["n_features"],
                    "python_ms_per_text": latency_ms, "size_bytes": folder_size(out),
                    "hyperparameters": cfg.tfidf.__dict__}

        return self.run_stage("tfidf", self.stage_key("tfidf"), run)

    def stage_pretrain(self, name: str) -> dict:
        recipe = self.cfg.recipes[name]

        def run():
            if name in self.init:
                from .modeling import EncoderConfig
                ecfg = EncoderConfig.load(self.init[name])
                return {"recipe": recipe.__dict__, "init_from": self.init[name], "pretrained_elsewhere": True,
                        "config": ecfg.to_dict()}
            out = os.path.join(self.work_dir, "pretrain", name)
            return pretrain(recipe, self.corpus(recipe.tokenizer), self.special(recipe.tokenizer), self.cfg, out)

        return self.run_stage(f"pretrain:{name}", self.stage_key(f"pretrain:{name}"), run)

    def stage_cv(self, name: str) -> dict:
        """Every transformer's CV, the ablation's included: the same grouped folds, views and seeds."""
        cfg = self.cfg

        def run():
            """The grouped study's folds (training/nlp/grouped_study.py, its per-fold cache shared):
            grouped folds, both training views, seeds cfg.seed + 1000·rep + fold for each repetition;
            summarised over every (seed, fold) on name + description (``cv``) and the name alone (``cv_name``)."""
            from . import grouped_study

            grouped_study.main(["--models", name, "--schemes", "grouped", "--train-views", TRAIN_VIEWS,
                                "--reps", ",".join(str(r) for r in CV_REPETITIONS), "--threads", str(torch.get_num_threads()),
                                "--data-dir", self.data_dir, "--work-dir", self.work_dir, "--out-dir", self.out_dir]
                               + (["--quick"] if cfg.mode == "quick" else []))
            y, labels = self.labels, self.label_names
            out, secs = {}, []
            for view in ("text", "name"):
                fold_metrics, y_all, pred_all, seeds = [], [], [], []
                for rep in CV_REPETITIONS:
                    rep_f1 = []
                    for k in range(cfg.finetune.folds):
                        res = read_json(grouped_study.fold_file(self.work_dir, name, "grouped", TRAIN_VIEWS, k, rep))
                        te, pred = np.array(res["test"]), np.array(res["fixed"][view]["pred"])
                        fold_metrics.append(classification_metrics(y[te], pred, labels))
                        rep_f1.append(fold_metrics[-1]["macro_f1"])
                        y_all.append(y[te])
                        pred_all.append(pred)
                        if view == "text":
                            secs.append(res["seconds"])
                    seeds.append({"seed": cfg.seed + grouped_study.SEED_STRIDE * rep, "mean": float(np.mean(rep_f1))})
                summary = cv_summary(fold_metrics, np.concatenate(y_all), np.concatenate(pred_all), labels)
                summary["macro_f1"]["seeds"] = seeds
                summary["n_predictions"] = int(sum(len(a) for a in y_all))
                out["cv" if view == "text" else "cv_name"] = summary
            return {**out, "fold_seconds": secs, "finetune": cfg.finetune.__dict__}

        return self.run_stage(f"cv:{name}", self.stage_key(f"cv:{name}"), run)

    def _max_len(self, name: str) -> int:
        return self.cfg.arch.max_len

    def stage_final(self, name: str) -> dict:
        """Fine-tunes on grouped folds 1-4 (both views) and evaluates on fold 0 (name + description
        and the name alone). Served models are then rounded to fp16 and exported (metrics reported
        for the rounded model); an ablation model is only evaluated (fp32)."""
        cfg, recipe = self.cfg, self.cfg.recipes[name]
        kind = recipe.tokenizer
        served = name in cfg.served

        def run():
            P, sp = self.products(kind), self.special(kind)
            max_len = self._max_len(name)
            seqs = P.truncated(max_len)
            tr, te = self.split
            y = P.labels
            names = self.name_seqs(kind)
            rows, ry = both_views(tr, seqs, names, y)
            r = train_classifier(self.pretrained_dir(name), rows, ry, P.label_names, sp.pad,
                                 cfg.finetune, cfg.seed + HOLDOUT_FOLD, tag=f":{name}:final")
            model = r["model"]
            ev32 = evaluate(model, [seqs[i] for i in te], y[te], P.label_names, sp.pad)
            res = {"holdout_fp32": ev32["metrics"], "train_seconds": r["seconds"], "curve": r["curve"],
                   "parameters": count_parameters(model), "exported": served, "train_views": TRAIN_VIEWS}
            if not served:
                res["holdout"] = ev32["metrics"]
                res["holdout_name"] = evaluate(model, [names[i] for i in te], y[te], P.label_names, sp.pad)["metrics"]
                return res
            if cfg.export_fp16:
                round_to_fp16(model)
            ev = evaluate(model, [seqs[i] for i in te], y[te], P.label_names, sp.pad)
            res["holdout_name"] = evaluate(model, [names[i] for i in te], y[te], P.label_names, sp.pad)["metrics"]
            ckpt = os.path.join(self.work_dir, "final", name)
            model.save_pretrained(ckpt)  # fp16-rounded weights in fp32 tensors (not committed)
            out = os.path.join(self.out_dir, name)
            onnx_info = write_model_folder(model, out, self.tokenizer_dir(kind), max_len, cfg.export_fp16)
            g = te[: cfg.golden_products]
            write_golden_logits(model, out, [P.ids[i] for i in g], [P.texts[i] for i in g], [seqs[i] for i in g],
                                y[g], sp.pad, max_len)
            t = Timer()
            for i in te[:50]:
                predict_logits(model, [seqs[i]], sp.pad)
            res.update({
                "holdout": ev["metrics"], "export_fp16": cfg.export_fp16,
                "fp16_fp32_prediction_agreement": float((ev32["pred"] == ev["pred"]).mean()),
                "holdout_proba": {"ids": [P.ids[i] for i in te], "proba": softmax(ev["logits"]).round(6).tolist()},
                "onnx": onnx_info, "size_bytes": folder_size(out),
                "pytorch_ms_per_text": 1000 * t.seconds / min(50, len(te))})
            return res

        return self.run_stage(f"final:{name}", self.stage_key(f"final:{name}"), run)

    # ------------------------------------------------------------------ report

    def report(self, results: dict, total_seconds: float) -> dict:
        cfg, P = self.cfg, self.products("bert")
        tr, te = self.split
        pre_all = {k[len("pretrain:"):]: v for k, v in results.items() if k.startswith("pretrain:")}
        pre = {n: p for n, p in pre_all.items() if not p.get("pretrained_elsewhere")}
        checkpoints = {n: p["init_from"] for n, p in pre_all.items() if p.get("pretrained_elsewhere")}
        models: Dict[str, dict] = {}
        pending: Dict[str, dict] = {}  # fine-tuned on the 80 % split, not cross-validated yet
        if "tfidf" in results:
            t = results["tfidf"]
            models["tfidf"] = {"kind": "classical", "cv": t["cv"], "cv_name": t.get("cv_name"), "cv_protocol": "grouped",
                               "holdout": t["holdout"], "holdout_name": t.get("holdout_name"), "train_views": TRAIN_VIEWS,
                               "train_seconds": t["train_seconds"], "cv_fit_seconds": t["cv_fit_seconds"],
                               "n_features": t["n_features"], "size_bytes": t["size_bytes"],
                               "python_ms_per_text": t["python_ms_per_text"], "hyperparameters": t["hyperparameters"],
                               "exported": True}
        for name, recipe in cfg.recipes.items():
            m: Dict[str, object] = {"kind": "transformer", "recipe": recipe.__dict__,
                                    "exported": name in cfg.served, "ablation": name in cfg.ablations}
            if f"cv:{name}" in results:
                c = results[f"cv:{name}"]
                m["cv"] = c["cv"]
                if "cv_name" in c:
                    m["cv_name"] = c["cv_name"]
                m["cv_protocol"] = c.get("protocol", "grouped")
                m["cv_fold_seconds"] = c["fold_seconds"]
            if f"final:{name}" in results:
                f = results[f"final:{name}"]
                for k in ("holdout", "holdout_name", "train_views", "holdout_fp32", "fp16_fp32_prediction_agreement",
                          "train_seconds", "curve",
                          "parameters", "onnx", "size_bytes", "pytorch_ms_per_text", "export_fp16"):
                    if k in f:
                        m[k] = f[k]
            if name in pre:
                m["pretraining"] = _pretrain_summary(pre[name])
            if "cv" in m:  # a model is listed once cross-validated (partial runs list fewer)
                models[name] = m
            elif "holdout" in m:
                pending[name] = m
        ablation = {}
        for abl in cfg.ablations:
            base = "bert" if cfg.recipes[abl].tokenizer == "bert" else "roberta"
            ablation[abl] = {
                "description": cfg.recipes[abl].description,
                "compared_with": base,
                "changed": [k for k in ("objective", "masking", "data", "batch_size", "lr", "adam_beta2", "tokenizer")
                            if getattr(cfg.recipes[abl], k) != getattr(cfg.recipes[base], k)],
                "heldout_masked_accuracy": _no_none({n: _heldout_acc(pre.get(n)) for n in (base, abl)}),
                "cv_macro_f1": _no_none({n: models.get(n, {}).get("cv", {}).get("macro_f1") for n in (base, abl)}),
                "cv_name_macro_f1": _no_none({n: (models.get(n, {}).get("cv_name") or {}).get("macro_f1") for n in (base, abl)}),
                "holdout_macro_f1": _no_none({n: {**models, **pending}.get(n, {}).get("holdout", {}).get("macro_f1")
                                              for n in (base, abl)}),
                "holdout_name_macro_f1": _no_none({n: ({**models, **pending}.get(n, {}).get("holdout_name") or {}).get("macro_f1")
                                                   for n in (base, abl)}),
            }
        sizes = {name: folder_size(os.path.join(self.out_dir, name)) for name in ["tfidf", *cfg.served]
                 if os.path.isdir(os.path.join(self.out_dir, name))}
        folds, groups = self.folds, self.groups
        metrics = {
            "format": "pad-nlp-metrics/1",
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "mode": cfg.mode,
            "labels": P.label_names,
            "n_products": int(len(P.labels)),
            "environment": {"python": platform.python_version(), "torch": torch.__version__,
                            "threads": torch.get_num_threads(), "cpu_count": os.cpu_count(),
                            "machine": platform.machine()},
            "protocol": {
                "seed": cfg.seed,
                "text": "product name + ' ' + description, whitespace collapsed (lib/data/flipkart.ts productText)",
                "label": "first level of product_category_tree; index = position in sorted label names",
                "cv": {"folds": cfg.finetune.folds, "stratified": True, "grouped": True, "shuffle_seed": cfg.seed,
                       "groups": {"rule": "near-duplicates: word 5-gram Jaccard >= 0.5 on the lower-cased name + "
                                          "description; groups = connected components (training/nlp/groups.py)",
                                  "count": int(len(np.unique(groups))),
                                  "products_in_groups": int((np.bincount(groups)[groups] > 1).sum())},
                       "train_views": TRAIN_VIEWS,
                       "train_views_note": "each training product twice: name + description, and the name alone (same label)",
                       "seeds": [cfg.seed + 1000 * r for r in CV_REPETITIONS],
                       "seeds_note": "a transformer is fine-tuned once per seed and fold (seed + fold); TF-IDF + LR is deterministic",
                       "std": f"sample standard deviation over every (seed, fold) score: {len(CV_REPETITIONS) * cfg.finetune.folds} "
                              f"for a transformer ({cfg.finetune.folds} folds x {len(CV_REPETITIONS)} seeds), "
                              f"{cfg.finetune.folds} for TF-IDF",
                       "fold_of_product": {pid: int(f) for pid, f in zip(P.ids, folds)}},
                "holdout": {"fold": HOLDOUT_FOLD, "grouped": True, "test_size": cfg.finetune.test_size, "stratified": True,
                            "seed": cfg.seed, "train_views": TRAIN_VIEWS,
                            "n_train": int(len(tr)), "n_test": int(len(te)), "test_ids": [P.ids[i] for i in te]},
                "max_len": cfg.arch.max_len,
                "truncation": "transformers.js tokenizer(text, {truncation: true, max_length}) = first max_len ids "
                              "of the encoded sequence, special tokens included",
            },
            "architecture": cfg.arch.__dict__,
            "token_budget": {"tokens_per_pretraining_run": cfg.pretrain.token_budget,
                             "counted": "non-padding input tokens fed to the encoder (special tokens included)",
                             "subset_epochs": cfg.pretrain.subset_epochs, "data_ratio": cfg.pretrain.data_ratio,
                             "runs": {n: {"tokens_seen": p.get("tokens_seen"), "steps": p.get("steps"),
                                          "data": p.get("data")} for n, p in pre.items()}},
            "pretraining": {n: _pretrain_summary(p, curves=True) for n, p in pre.items()},
            "pretrained_checkpoints": checkpoints,  # --init-bert / --init-roberta (no pretraining here)
            "models": models,
            "not_cross_validated": pending,
            "ablation": ablation,

            "sizes_bytes": {"total": int(sum(sizes.values())), **sizes},
            "timings_seconds": {**{k: v.get("seconds") for k, v in results.items()}, "total_this_run": total_seconds},
            "timings_note": "seconds of compute per stage (a resumed pretraining run sums its segments); "
                            "measured on a 2-core machine shared with other jobs, so they vary with the load",
            "config": cfg.to_dict(),
        }
        if _winner(models):
            metrics["winner"] = _winner(models)
        prev = os.path.join(self.out_dir, "metrics.json")
        if os.path.exists(prev):
            old = read_json(prev)
            if "serving" in old and old.get("mode") == cfg.mode:
                metrics["serving"] = old["serving"]  # kept until checkNlpExport.ts rewrites it
            if old.get("mode") == cfg.mode:
                carry_ablations(metrics, old, cfg.ablations)
        write_json(prev, metrics, indent=1)
        with open(os.path.join(self.out_dir, "report.md"), "w", encoding="utf-8") as f:
            f.write(render_report(metrics))
        return metrics

    # ------------------------------------------------------------------ run

    def stages(self) -> List[str]:
        """Served models first, then the cross-validation, then the ablation, so that on a slow
        machine the most important results exist earliest (metrics.json is rewritten after
        every stage)."""
        cfg = self.cfg
        main = [n for n in cfg.recipes if n not in cfg.ablations]
        out = ["tfidf"] + [f"pretrain:{n}" for n in main]
        out += [f"final:{n}" for n in cfg.served] + [f"cv:{n}" for n in main]
        for n in cfg.ablations:
            out += [f"pretrain:{n}", f"final:{n}", f"cv:{n}"]
        return out + ["report"]

    def run(self, only: Optional[List[str]] = None) -> dict:
        total = Timer()
        results = {}
        log(f"[pipeline] mode {self.cfg.mode}, data {self.data_dir}, work {self.work_dir}, out {self.out_dir}, "
            f"threads {torch.get_num_threads()}")
        os.makedirs(self.out_dir, exist_ok=True)
        for stage in self.stages():
            if stage == "report":
                continue
            if only and stage not in only and stage.split(":")[0] not in only:
                res = self._peek(stage)
                if res is not None:
                    results[stage] = res
                continue
            kind, _, name = stage.partition(":")
            fn = {"tfidf": lambda: self.stage_tfidf(), "pretrain": lambda: self.stage_pretrain(name),
                  "cv": lambda: self.stage_cv(name), "final": lambda: self.stage_final(name)}[kind]
            results[stage] = fn()
            if self.timings.get(stage):  # a stage that ran: refresh metrics.json with what exists so far
                self.report(self._with_cached(results), total.seconds)
        metrics = self.report(self._with_cached(results), total.seconds)
        log("[pipeline] stage times: " + ", ".join(f"{k} {v:.0f}s" for k, v in self.timings.items()))
        log(f"[pipeline] total {total.seconds:.0f} s; metrics in {os.path.join(self.out_dir, 'metrics.json')}")
        return metrics

    def _with_cached(self, results: dict) -> dict:
        """``results`` plus the cached results of stages not reached yet in this run."""
        out = dict(results)
        for stage in self.stages():
            if stage != "report" and stage not in out:
                res = self._peek(stage)
                if res is not None:
                    out[stage] = res
        return out

    def _peek(self, stage: str) -> Optional[dict]:
        """The cached result of a stage if it ran with the current settings."""
        path = self.stage_file(stage)
        if not os.path.exists(path):
            return None
        res = read_json(path)
        return res if res.get("key") == _hash(self.stage_key(stage)) else None


def carry_ablations(metrics: dict, old: dict, ablations) -> None:
    """An ablation whose stages are not in this work dir's cache (its pretraining is long and only
    compares recipes) keeps the previous metrics.json's figures, marked ``carried_from`` with that
    run's date, and the protocol they were measured on (``cv_protocol``; absent = the stratified folds
    on name + description used before issue #18)."""
    for abl in ablations:
        if abl in metrics["models"] or abl not in old.get("models", {}):
            continue
        when = old["models"][abl].get("carried_from") or old.get("generated_at")  # the run that measured them
        protocol = old["models"][abl].get("cv_protocol", "stratified")  # absent before issue #18
        metrics["models"][abl] = {**old["models"][abl], "cv_protocol": protocol, "carried_from": when}
        for section in ("pretraining", "ablation"):
            if abl in old.get(section, {}):
                metrics[section][abl] = {**old[section][abl], "carried_from": when}
        run = old.get("token_budget", {}).get("runs", {}).get(abl)
        if run:
            metrics["token_budget"]["runs"][abl] = run


GOLDEN_EDGE_TEXTS = [
    "",
    "Rockmantra Mug — CAFÉ naïve ÉTÉ   double  spaces\tand tabs",
    "a b c 12 x_y foo-bar foo_bar 3.5kg ½ ² ٣ İstanbul ΣΑΣ",
    "Baby's  first  watch!!! (pack of 2) 100% cotton; 5-star :)",
]


def _no_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _heldout_acc(p: Optional[dict]) -> Optional[float]:
    if not p or "heldout" not in p:
        return None
    return p["heldout"]["final"]["accuracy"]


def _pretrain_summary(p: dict, curves: bool = False) -> dict:
    if p.get("pretrained_elsewhere"):
        return {"init_from": p.get("init_from"), "pretrained_elsewhere": True}
    out = {k: p.get(k) for k in ("recipe", "data", "token_budget", "tokens_seen", "steps", "epochs_over_data",
                                 "seconds", "tokens_per_second", "threads", "parameters")}
    out["heldout"] = p.get("heldout")
    if curves:
        out["eval_curve"] = p.get("eval_curve")
        out["train_curve"] = p.get("train_curve")
    return out


def _winner(models: Dict[str, dict]) -> dict:
    scored = {n: m["cv"]["macro_f1"]["mean"] for n, m in models.items() if "cv" in m and not m.get("ablation")}
    if not scored:
        return {}
    best = max(scored, key=scored.get)
    return {"by": "cross-validated macro-F1 (mean)", "model": best, "scores": scored}


def render_report(m: dict) -> str:
    """Human-readable summary of metrics.json."""
    lines = [f"# NLP technology watch — results ({m['mode']} run, {m['generated_at']})", "",
             "Cross-validation: 5 stratified *group* folds (near-duplicate products never split), every model trained "
             "on both views of each training product (name + description, and the name alone) and scored on each; "
             "transformers: mean ± sample std over 3 fine-tuning seeds × 5 folds; TF-IDF (deterministic): over the 5 "
             "folds. Holdout: the served models, fine-tuned on grouped folds 1–4 and evaluated on fold 0. "
             "See training/nlp/README.md.", "",
             "| model | CV accuracy | CV macro-F1 | CV macro-F1, name alone | holdout macro-F1 | holdout, name alone | size |",
             "|---|---|---|---|---|---|---|"]
    every = {**m["models"], **m.get("not_cross_validated", {})}
    for n, x in every.items():
        def cell(cv, k):
            return f"{cv[k]['mean']:.4f} ± {cv[k]['std']:.4f}" if cv else "—"

        def hold(h):
            return "—" if not h or "macro_f1" not in h else format(h["macro_f1"], ".4f")

        size = x.get("size_bytes")
        prev = " (previous protocol)" if x.get("cv_protocol") == "stratified" else ""
        lines.append(f"| {n}{' (ablation)' if x.get('ablation') else ''}{prev} | {cell(x.get('cv'), 'accuracy')} | "
                     f"{cell(x.get('cv'), 'macro_f1')} | {cell(x.get('cv_name'), 'macro_f1')} | {hold(x.get('holdout'))} | "
                     f"{hold(x.get('holdout_name'))} | {'' if not size else f'{size / 1e6:.1f} MB'} |")
    if m.get("winner"):
        lines += ["", f"Best by CV macro-F1: **{m['winner']['model']}** "
                      f"({', '.join(f'{k} {v:.4f}' for k, v in m['winner']['scores'].items())})."]
    lines += ["", "## Pretraining (same token budget)", "",
              "| recipe | tokens seen | steps | seconds | tokens/s | held-out masked-token accuracy | held-out MLM loss |",
              "|---|---|---|---|---|---|---|"]
    for n, p in m["pretraining"].items():
        if p.get("pretrained_elsewhere"):
            lines.append(f"| {n} | (checkpoint {p.get('init_from')}) | | | | | |")
            continue
        h = p["heldout"]["final"]
        lines.append(f"| {n} | {p['tokens_seen']:,} | {p['steps']} | {p['seconds']:.0f} | {p['tokens_per_second']:.0f} | "
                     f"{h['accuracy']:.4f} | {h['loss']:.3f} |")
    if m.get("ablation"):
        lines += ["", "## Ablation", ""]
        for n, a in m["ablation"].items():
            parts = [f"- **{n}** vs **{a['compared_with']}** — {a['description']} (changed: {', '.join(a['changed'])})."]
            if a.get("heldout_masked_accuracy"):
                parts.append("Held-out masked-token accuracy: "
                             + ", ".join(f"{k} {v:.4f}" for k, v in a["heldout_masked_accuracy"].items()) + ".")
            if a.get("cv_macro_f1"):
                parts.append("CV macro-F1: " + ", ".join(f"{k} {v['mean']:.4f} ± {v['std']:.4f}"
                                                         for k, v in a["cv_macro_f1"].items()) + ".")
            if a.get("cv_name_macro_f1"):
                parts.append("CV macro-F1 on the name alone: " + ", ".join(f"{k} {v['mean']:.4f} ± {v['std']:.4f}"
                                                                          for k, v in a["cv_name_macro_f1"].items()) + ".")
            if a.get("holdout_macro_f1"):
                parts.append("Holdout (grouped fold 0) macro-F1: "
                             + ", ".join(f"{k} {v:.4f}" for k, v in a["holdout_macro_f1"].items()) + ".")
            lines.append(" ".join(parts))
    lines += ["", f"Total size of the exported models: {m['sizes_bytes']['total'] / 1e6:.1f} MB "
                  f"({', '.join(f'{k} {v / 1e6:.1f} MB' for k, v in m['sizes_bytes'].items() if k != 'total')}).", ""]
    return "\n".join(lines) + "\n"


def export_args(cfg: C.PipelineConfig, data_dir: str) -> str:
    """Arguments for lib/nlp/cli/exportNlpData.ts matching this configuration."""
    return (f"--out {data_dir} --corpus-tokens {cfg.corpus_tokens} --heldout-docs {cfg.heldout_docs} "
            f"--product-share {cfg.product_share} --seed {cfg.seed}")


def default_dirs(quick: bool) -> Dict[str, str]:
    root = os.path.join(C.cache_dir(), "nlp-quick" if quick else "nlp")
    return {"data": os.path.join(root, "data"), "work": os.path.join(root, "work"),
            "out": os.path.join(root, "models") if quick else os.path.join(C.REPO_ROOT, "models", "nlp")}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny configuration, outputs under data/.cache/nlp-quick")
    ap.add_argument("--force", action="store_true", help="re-run stages even when cached")
    ap.add_argument("--only", default="", help="comma-separated stages (e.g. tfidf,pretrain:bert or cv)")
    ap.add_argument("--init-bert", default=None, help="Hugging Face BERT checkpoint folder instead of pretraining")
    ap.add_argument("--init-roberta", default=None, help="Hugging Face RoBERTa checkpoint folder instead of pretraining")
    ap.add_argument("--data-dir")
    ap.add_argument("--work-dir")
    ap.add_argument("--out-dir")
    ap.add_argument("--report-only", action="store_true", help="rewrite metrics.json / report.md from cached stages")
    ap.add_argument("--print-export-args", action="store_true", help="print exportNlpData.ts arguments and exit")
    ap.add_argument("--print-dirs", action="store_true", help="print data/work/out dirs (shell-friendly) and exit")
    a = ap.parse_args(argv)
    cfg = C.get_config(a.quick)
    d = default_dirs(a.quick)
    data_dir = os.path.abspath(a.data_dir or d["data"])
    work_dir = os.path.abspath(a.work_dir or d["work"])
    out_dir = os.path.abspath(a.out_dir or d["out"])
    if a.print_export_args:
        print(export_args(cfg, data_dir))
        return 0
    if a.print_dirs:
        print(f"DATA_DIR={data_dir}\nWORK_DIR={work_dir}\nOUT_DIR={out_dir}")
        return 0
    init = {"bert": a.init_bert, "roberta": a.init_roberta}
    setup_torch(cfg.seed, cfg.threads)
    pipe = Pipeline(cfg, data_dir, work_dir, out_dir, force=a.force, init=init)
    if a.report_only:
        pipe.report(pipe._with_cached({}), 0.0)
        log(f"[pipeline] report rewritten from cached stages: {os.path.join(out_dir, 'metrics.json')}")
        return 0
    pipe.run([s for s in a.only.split(",") if s] or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
