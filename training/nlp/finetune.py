"""Fine-tuning an encoder on the products (name + description → first category level).

Every encoder gets the same protocol: the same hyper-parameters (FinetuneConfig), the same
seeds (cfg.seed + fold) and the same stratified folds / 80-20 split as the TF-IDF baseline.
Inputs are the transformers.js ids truncated to max_len exactly as at serving time.
"""
from __future__ import annotations

import os
from typing import List, Optional, Sequence

import numpy as np
import torch

from .config import FinetuneConfig
from .metrics import classification_metrics
from .modeling import EncoderConfig, EncoderForSequenceClassification
from .utils import Timer, adamw, linear_warmup_decay, log, set_lr, seed_all


def pad_batch(seqs: Sequence[np.ndarray], pad_id: int):
    """(input_ids, attention_mask) int64 tensors padded to the longest sequence of the batch."""
    L = max(len(s) for s in seqs)
    ids = np.full((len(seqs), L), pad_id, dtype=np.int64)
    mask = np.zeros((len(seqs), L), dtype=np.int64)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
    return torch.from_numpy(ids), torch.from_numpy(mask)


def bucketed_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> List[np.ndarray]:
    """Shuffled batches of similar lengths (less padding): shuffle, sort within windows of
    8 batches by length, cut into batches, shuffle the batches."""
    order = rng.permutation(len(lengths))
    window = batch_size * 8
    batches = []
    for i in range(0, len(order), window):
        w = order[i: i + window]
        w = w[np.argsort(lengths[w], kind="stable")]
        batches.extend(w[j: j + batch_size] for j in range(0, len(w), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def new_classifier(pretrained_dir: str, label_names: Sequence[str]) -> EncoderForSequenceClassification:
    """A sequence classifier whose encoder comes from a Hugging Face-format checkpoint
    (ours, or an official bert-base-uncased / roberta-base) and whose head is fresh."""
    id2label = {i: n for i, n in enumerate(label_names)}
    model, report = EncoderForSequenceClassification.from_pretrained(
        pretrained_dir, id2label=id2label, label2id={n: i for i, n in id2label.items()})
    # The head is new; BERT's pooler is new too when the checkpoint has no NSP head (BertForMaskedLM).
    base_missing = [k for k in report["missing"] if not k.startswith("classifier.") and ".pooler." not in k]
    if base_missing:
        raise ValueError(f"{pretrained_dir}: encoder weights missing from the checkpoint: {base_missing[:5]}")
    return model


@torch.no_grad()
def predict_logits(model, seqs: Sequence[np.ndarray], pad_id: int, batch: int = 64,
                   token_type: bool = False) -> np.ndarray:
    model.eval()
    order = np.argsort([len(s) for s in seqs], kind="stable")
    out = np.zeros((len(seqs), model.config.num_labels), dtype=np.float32)
    for i in range(0, len(order), batch):
        idx = order[i: i + batch]
        ids, mask = pad_batch([seqs[j] for j in idx], pad_id)
        out[idx] = model(ids, mask, torch.zeros_like(ids) if token_type else None).numpy()
    return out


def train_classifier(pretrained_dir: str, seqs: Sequence[np.ndarray], labels: np.ndarray,
                     label_names: Sequence[str], pad_id: int, ft: FinetuneConfig, seed: int,
                     tag: str = "") -> dict:
    """Fine-tunes a fresh classifier on (seqs, labels). Returns dict(model, seconds, curve)."""
    seed_all(seed)
    model = new_classifier(pretrained_dir, label_names)
    model.train()
    opt = adamw(model, ft.lr, ft.weight_decay)
    lengths = np.array([len(s) for s in seqs])
    rng = np.random.default_rng([seed, 2718])
    steps_per_epoch = -(-len(seqs) // ft.batch_size)
    total = steps_per_epoch * ft.epochs
    timer, step, curve = Timer(), 0, []
    y = torch.from_numpy(np.asarray(labels, dtype=np.int64))
    for epoch in range(ft.epochs):
        loss_sum, n_sum, correct = 0.0, 0, 0
        for rows in bucketed_batches(lengths, ft.batch_size, rng):
            set_lr(opt, ft.lr * linear_warmup_decay(step / total, ft.warmup_frac))
            ids, mask = pad_batch([seqs[j] for j in rows], pad_id)
            logits = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(logits, y[rows])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), ft.grad_clip)
            opt.step()
            step += 1
            loss_sum += float(loss) * len(rows)
            n_sum += len(rows)
            correct += int((logits.argmax(-1) == y[rows]).sum())
        curve.append({"epoch": epoch + 1, "loss": loss_sum / n_sum, "accuracy": correct / n_sum,
                      "seconds": timer.seconds})
    log(f"[finetune{tag}] {ft.epochs} epochs, {len(seqs)} examples, final train loss {curve[-1]['loss']:.4f} "
        f"acc {curve[-1]['accuracy']:.3f}, {timer.seconds:.0f} s")
    return {"model": model, "seconds": timer.seconds, "curve": curve}


def round_to_fp16(model: torch.nn.Module) -> None:
    """Rounds every floating-point parameter to float16 and back (in place), so the PyTorch
    reference computes with exactly the weights stored in the fp16 ONNX export."""
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())


def evaluate(model, seqs, labels, label_names, pad_id) -> dict:
    logits = predict_logits(model, seqs, pad_id)
    pred = logits.argmax(-1)
    return {"logits": logits, "pred": pred, "metrics": classification_metrics(np.asarray(labels), pred, label_names)}
