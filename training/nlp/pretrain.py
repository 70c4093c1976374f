"""Pretraining from scratch with the BERT or the RoBERTa recipe under one token budget.

A run feeds batches until ``token_budget`` non-padding tokens have gone through the encoder;
the learning-rate schedule (linear warm-up, linear decay) is a function of the tokens seen, so
every recipe spends exactly the same budget whatever its batch size or sequence packing.

Data of each recipe (see README):
* ``subset`` (BERT): the first ``budget / subset_epochs`` tokens of the pool, turned into
  ``dupe_factor`` differently-paired copies of NSP segment pairs and fed for ``subset_epochs``
  epochs in total (each copy ``subset_epochs / dupe_factor`` times);
* ``pool`` (RoBERTa): ``data_ratio`` times more documents, packed as FULL-SENTENCES.

The held-out slice (documents never used for training) is packed as FULL-SENTENCES with one
fixed mask; its masked-token accuracy and loss are measured ``eval_points`` times per run.
Runs checkpoint every few minutes and resume from the checkpoint after a crash.
"""
from __future__ import annotations

import math
import os
import random
from typing import Dict, Optional

import numpy as np
import torch

from .config import PipelineConfig, RecipeConfig
from .data import (Corpus, SpecialTokens, count_tokens, create_nsp_dataset, pack_full_sentences, take_tokens)
from .masking import Masker, mask_batch
from .modeling import EncoderConfig, EncoderForMaskedLM, EncoderForPreTraining, count_parameters
from .utils import Timer, adamw, linear_warmup_decay, log, read_json, set_lr, seed_all, write_json


def encoder_config(kind: str, cfg: PipelineConfig, sp: SpecialTokens) -> EncoderConfig:
    a = cfg.arch
    common = dict(vocab_size=sp.vocab_size, hidden_size=a.hidden_size, num_hidden_layers=a.num_hidden_layers,
                  num_attention_heads=a.num_attention_heads, intermediate_size=a.intermediate_size)
    if kind == "bert":
        return EncoderConfig.bert(max_position_embeddings=a.max_len, pad_token_id=sp.pad, **common)
    return EncoderConfig.roberta(max_position_embeddings=a.max_len + sp.pad + 1, pad_token_id=sp.pad,
                                 bos_token_id=sp.cls, eos_token_id=sp.sep, **common)


# --------------------------------------------------------------------------- data per recipe


def build_bert_instances(docs, max_len: int, short_seq_prob: float, dupe_factor: int, sp: SpecialTokens,
                         seed: int) -> Dict[str, np.ndarray]:
    """``dupe_factor`` passes of NSP pair creation over ``docs`` (each with its own random
    pairing), shuffled together, padded to ``max_len``."""
    insts = []
    for d in range(dupe_factor):
        insts.extend(create_nsp_dataset(docs, max_len, short_seq_prob, sp, random.Random(seed * 1000 + d)))
    random.Random(seed).shuffle(insts)
    n = len(insts)
    ids = np.full((n, max_len), sp.pad, dtype=np.int64)
    types = np.zeros((n, max_len), dtype=np.int64)
    lengths = np.zeros(n, dtype=np.int64)
    nsp = np.zeros(n, dtype=np.int64)
    for i, inst in enumerate(insts):
        L = len(inst.input_ids)
        ids[i, :L] = inst.input_ids
        types[i, :L] = inst.token_type_ids
        lengths[i] = L
        nsp[i] = 1 if inst.is_random_next else 0  # HF convention: 0 = B follows A, 1 = random
    return {"input_ids": ids, "token_type_ids": types, "lengths": lengths, "nsp_labels": nsp}


def build_full_sentence_instances(docs, max_len: int, sp: SpecialTokens) -> Dict[str, np.ndarray]:
    ids = pack_full_sentences(docs, max_len, sp)
    return {"input_ids": ids, "token_type_ids": np.zeros_like(ids), "lengths": (ids != sp.pad).sum(1),
            "nsp_labels": None}


def recipe_data(recipe: RecipeConfig, corpus: Corpus, cfg: PipelineConfig, sp: SpecialTokens) -> dict:
    """The training sequences of a recipe, and a description of the data it draws from."""
    p = cfg.pretrain
    subset_tokens = math.ceil(p.token_budget / p.subset_epochs)
    subset = take_tokens(corpus.pool, subset_tokens)
    docs = subset if recipe.data == "subset" else take_tokens(corpus.pool, subset_tokens * p.data_ratio)
    if recipe.objective == "mlm+nsp":
        inst = build_bert_instances(docs, cfg.arch.max_len, p.short_seq_prob, recipe.dupe_factor, sp, cfg.seed)
    else:
        inst = build_full_sentence_instances(docs, cfg.arch.max_len, sp)
    n_src = {0: 0, 1: 0}
    for s in corpus.source[corpus.heldout_docs: corpus.heldout_docs + len(docs)]:
        n_src[s] += 1
    info = {"documents": len(docs), "documents_product": n_src[0], "documents_general": n_src[1],
            "unique_tokens": count_tokens(docs), "sequences": int(len(inst["input_ids"])),
            "sequence_tokens": int(inst["lengths"].sum()),
            "mean_sequence_length": float(inst["lengths"].mean()) if len(inst["lengths"]) else 0.0}
    return {"instances": inst, "info": info}


def heldout_set(corpus: Corpus, cfg: PipelineConfig, sp: SpecialTokens) -> Dict[str, np.ndarray]:
    """Held-out documents packed as FULL-SENTENCES, masked once with a fixed seed."""
    ids = pack_full_sentences(corpus.heldout, cfg.arch.max_len, sp)[: cfg.pretrain.eval_sequences]
    inp, lab = mask_batch(ids, sp.all, sp.mask, sp.vocab_size, np.random.default_rng([cfg.seed, 4242]),
                          cfg.pretrain.mask_prob)
    return {"input_ids": inp, "labels": lab, "attention_mask": (ids != sp.pad).astype(np.int64)}


@torch.no_grad()
def evaluate_mlm(model, held: Dict[str, np.ndarray], batch: int = 32) -> Dict[str, float]:
    """Masked-token accuracy and mean cross-entropy on the held-out slice."""
    model.eval()
    loss_sum, n, correct = 0.0, 0, 0
    for i in range(0, len(held["input_ids"]), batch):
        sl = slice(i, i + batch)
        L = int(held["attention_mask"][sl].sum(1).max())
        out = model(torch.from_numpy(held["input_ids"][sl, :L]), torch.from_numpy(held["attention_mask"][sl, :L]),
                    None, torch.from_numpy(held["labels"][sl, :L]))
        loss_sum += float(out["mlm_loss"]) * out["n_masked"]
        n += out["n_masked"]
        correct += out["n_correct"]
    model.train()
    return {"loss": loss_sum / max(1, n), "accuracy": correct / max(1, n), "masked_tokens": n}


# --------------------------------------------------------------------------- training loop


def pretrain(recipe: RecipeConfig, corpus: Corpus, sp: SpecialTokens, cfg: PipelineConfig, out_dir: str,
             init_from: Optional[str] = None) -> dict:
    """Pretrains one recipe; writes ``out_dir``/{config.json, pytorch_model.bin, pretrain_log.json}."""
    p = cfg.pretrain
    seed_all(cfg.seed)
    threads = torch.get_num_threads()
    timer = Timer()
    data = recipe_data(recipe, corpus, cfg, sp)
    inst = data["instances"]
    held = heldout_set(corpus, cfg, sp)
    log(f"[pretrain:{recipe.name}] {data['info']} ; held-out {len(held['input_ids'])} sequences, "
        f"{int((held['labels'] != -100).sum())} masked tokens ; {threads} threads")

    ecfg = encoder_config(recipe.tokenizer, cfg, sp)
    model_cls = EncoderForPreTraining if recipe.objective == "mlm+nsp" else EncoderForMaskedLM
    if init_from:
        model, _ = model_cls.from_pretrained(init_from)
    else:
        model = model_cls(ecfg)
    model.train()
    opt = adamw(model, recipe.lr, p.weight_decay, betas=(0.9, recipe.adam_beta2), eps=p.adam_eps)
    masker = Masker(recipe.masking, inst["input_ids"], sp.all, sp.mask, sp.vocab_size, cfg.seed, p.mask_prob)
    n_rows = len(inst["input_ids"])
    micro = min(p.micro_batch, recipe.batch_size)
    accum = max(1, recipe.batch_size // micro)

    state = {"step": 0, "tokens": 0, "epoch": 0, "pos": 0, "batch_in_epoch": 0, "train": [], "eval": [],
             "elapsed": 0.0}
    ckpt = os.path.join(out_dir, "checkpoint.pt")
    os.makedirs(out_dir, exist_ok=True)
    if os.path.exists(ckpt):
        saved = torch.load(ckpt, map_location="cpu")
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        torch.set_rng_state(saved["torch_rng"])
        state = saved["state"]
        log(f"[pretrain:{recipe.name}] resumed at step {state['step']} ({state['tokens']:,} tokens)")
    else:
        state["eval"].append({"tokens": 0, "step": 0, **evaluate_mlm(model, held)})

    eval_every = p.token_budget / max(1, p.eval_points)
    next_eval = (len(state["eval"])) * eval_every
    last_ckpt = timer.seconds
    elapsed0 = state["elapsed"]
    perm = np.random.default_rng([cfg.seed, 31337, state["epoch"]]).permutation(n_rows)
    while state["tokens"] < p.token_budget:
        lr = recipe.lr * linear_warmup_decay(state["tokens"] / p.token_budget, p.warmup_frac)
        set_lr(opt, lr)
        opt.zero_grad(set_to_none=True)
        agg = {"mlm": 0.0, "nsp": 0.0, "n": 0, "correct": 0, "nsp_correct": 0, "seqs": 0, "tokens": 0}
        for _ in range(accum):
            if state["pos"] >= n_rows:  # next epoch: new order (static masks stay the same)
                state["epoch"] += 1
                state["pos"], state["batch_in_epoch"] = 0, 0
                perm = np.random.default_rng([cfg.seed, 31337, state["epoch"]]).permutation(n_rows)
            rows = perm[state["pos"]: state["pos"] + micro]
            inp, lab = masker.batch(rows, state["epoch"], state["batch_in_epoch"])
            state["pos"] += len(rows)
            state["batch_in_epoch"] += 1
            L = int(inst["lengths"][rows].max())
            attn = (inst["input_ids"][rows, :L] != sp.pad).astype(np.int64)
            nsp = inst["nsp_labels"]
            out = model(torch.from_numpy(inp[:, :L]), torch.from_numpy(attn),
                        torch.from_numpy(inst["token_type_ids"][rows, :L]), torch.from_numpy(lab[:, :L]),
                        torch.from_numpy(nsp[rows]) if nsp is not None else None)
            (out["loss"] * (len(rows) / recipe.batch_size)).backward()
            agg["mlm"] += float(out["mlm_loss"]) * len(rows)
            agg["nsp"] += float(out.get("nsp_loss", 0.0)) * len(rows)
            agg["n"] += out["n_masked"]
            agg["correct"] += out["n_correct"]
            agg["nsp_correct"] += out.get("nsp_correct", 0)
            agg["seqs"] += len(rows)
            agg["tokens"] += int(inst["lengths"][rows].sum())
        torch.nn.utils.clip_grad_norm_(model.parameters(), p.grad_clip)
        opt.step()
        state["step"] += 1
        state["tokens"] += agg["tokens"]
        rec = {"step": state["step"], "tokens": state["tokens"], "lr": lr,
               "mlm_loss": agg["mlm"] / agg["seqs"], "mlm_accuracy": agg["correct"] / max(1, agg["n"])}
        if recipe.objective == "mlm+nsp":
            rec.update(nsp_loss=agg["nsp"] / agg["seqs"], nsp_accuracy=agg["nsp_correct"] / agg["seqs"])
        state["train"].append(rec)
        state["elapsed"] = elapsed0 + timer.seconds
        if state["tokens"] >= next_eval or state["tokens"] >= p.token_budget:
            ev = evaluate_mlm(model, held)
            state["eval"].append({"tokens": state["tokens"], "step": state["step"], **ev})
            next_eval += eval_every
            tps = state["tokens"] / max(1e-9, state["elapsed"])
            log(f"[pretrain:{recipe.name}] step {state['step']} tokens {state['tokens']:,}/{p.token_budget:,} "
                f"train mlm {rec['mlm_loss']:.3f} held-out mlm {ev['loss']:.3f} acc {ev['accuracy']:.3f} "
                f"lr {lr:.2e} {tps:,.0f} tok/s, epoch {state['epoch']}")
        if timer.seconds - last_ckpt > p.checkpoint_every_s:
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "torch_rng": torch.get_rng_state(),
                        "state": state}, ckpt + ".tmp")
            os.replace(ckpt + ".tmp", ckpt)
            last_ckpt = timer.seconds

    model.save_pretrained(out_dir)
    train_curve = _smooth_curve(state["train"])
    result = {
        "recipe": recipe.__dict__,
        "data": data["info"],
        "token_budget": p.token_budget,
        "tokens_seen": state["tokens"],
        "steps": state["step"],
        "epochs_over_data": state["tokens"] / max(1, data["info"]["sequence_tokens"]),
        "seconds": state["elapsed"],
        "tokens_per_second": state["tokens"] / max(1e-9, state["elapsed"]),
        "threads": threads,
        "parameters": count_parameters(model),
        "heldout": {"sequences": int(len(held["input_ids"])), "masked_tokens": int((held["labels"] != -100).sum()),
                    "final": state["eval"][-1]},
        "eval_curve": state["eval"],
        "train_curve": train_curve,
        "config": ecfg.to_dict(),
    }
    write_json(os.path.join(out_dir, "pretrain_log.json"), result)
    if os.path.exists(ckpt):
        os.remove(ckpt)
    log(f"[pretrain:{recipe.name}] done: {state['tokens']:,} tokens in {state['step']} steps, "
        f"{state['elapsed']:.0f} s ({result['tokens_per_second']:,.0f} tok/s), held-out masked acc "
        f"{state['eval'][-1]['accuracy']:.4f}")
    return result


def _smooth_curve(train: list, max_points: int = 150) -> list:
    """Training curve averaged over windows of steps (at most ``max_points`` points)."""
    if not train:
        return []
    k = max(1, -(-len(train) // max_points))
    out = []
    for i in range(0, len(train), k):
        w = train[i: i + k]
        pt = {"step": w[-1]["step"], "tokens": w[-1]["tokens"], "lr": w[-1]["lr"]}
        for key in ("mlm_loss", "mlm_accuracy", "nsp_loss", "nsp_accuracy"):
            if key in w[0]:
                pt[key] = sum(x[key] for x in w) / len(w)
        out.append(pt)
    return out


def load_pretrain_log(out_dir: str) -> Optional[dict]:
    path = os.path.join(out_dir, "pretrain_log.json")
    return read_json(path) if os.path.exists(path) else None
