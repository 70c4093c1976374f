"""Fine-tuning an encoder on the products (name + description → first category level).

Every encoder gets the same protocol: the same hyper-parameters (FinetuneConfig), the same
seeds (cfg.seed + fold) and the same stratified folds / 80-20 split as the TF-IDF baseline.
Inside each training set a stratified slice (FinetuneConfig.validation_fraction) is held out for
early stopping: the epoch kept is chosen on it, never on the test fold or the 20 % test split.
Inputs are the transformers.js ids truncated to max_len exactly as at serving time.
"""
from __future__ import annotations

import copy
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
                     tag: str = "", val_seqs: Optional[Sequence[np.ndarray]] = None,
                     val_labels: Optional[np.ndarray] = None) -> dict:
    """Fine-tunes a fresh classifier on (seqs, labels) for at most ``ft.epochs`` epochs.

    With a validation set (early stopping): after every epoch the model is evaluated on it; the
    weights of the best epoch (highest validation macro-F1, then lowest validation loss, then the
    earliest) are kept, and training stops once ``ft.patience`` epochs in a row did not improve.
    The learning-rate schedule always spans ``ft.epochs``. Returns dict(model, seconds, curve,
    best_epoch, epochs_run)."""
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
    validate = val_seqs is not None and val_labels is not None and len(val_seqs) > 0
    best: Optional[tuple] = None  # (macro-F1, -loss, -epoch), higher is better
    best_state, best_epoch, since_best = None, ft.epochs, 0
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
        point = {"epoch": epoch + 1, "loss": loss_sum / n_sum, "accuracy": correct / n_sum}
        if validate:
            v = validation_scores(model, val_seqs, val_labels, label_names, pad_id)
            model.train()
            point.update({"val_loss": v["loss"], "val_macro_f1": v["macro_f1"], "val_accuracy": v["accuracy"]})
            score = (round(v["macro_f1"], 10), -v["loss"], -(epoch + 1))
            if best is None or score > best:
                best, best_epoch, since_best = score, epoch + 1, 0
                best_state = copy.deepcopy(model.state_dict())
            else:
                since_best += 1
        point["seconds"] = timer.seconds
        curve.append(point)
        if validate and since_best >= ft.patience:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    kept = f", kept epoch {best_epoch} (validation macro-F1 {-1 if best is None else best[0]:.4f})" if validate else ""
    log(f"[finetune{tag}] {len(curve)}/{ft.epochs} epochs, {len(seqs)} examples, last train loss {curve[-1]['loss']:.4f} "
        f"acc {curve[-1]['accuracy']:.3f}{kept}, {timer.seconds:.0f} s")
    return {"model": model, "seconds": timer.seconds, "curve": curve, "best_epoch": best_epoch, "epochs_run": len(curve)}


@torch.no_grad()
def validation_scores(model, seqs: Sequence[np.ndarray], labels: np.ndarray, label_names: Sequence[str],
                      pad_id: int) -> dict:
    """Macro-F1, accuracy and mean cross-entropy of the model on a validation set."""
    logits = predict_logits(model, seqs, pad_id)
    y = np.asarray(labels, dtype=np.int64)
    loss = float(torch.nn.functional.cross_entropy(torch.from_numpy(logits), torch.from_numpy(y)))
    m = classification_metrics(y, logits.argmax(-1), label_names)
    return {"loss": loss, "macro_f1": float(m["macro_f1"]), "accuracy": float(m["accuracy"])}


def inner_validation_split(labels: np.ndarray, fraction: float, seed: int):
    """(fit positions, validation positions) within a training set: a stratified ``fraction`` held
    out for early stopping (nothing of the outer test set is ever used to stop or select)."""
    from .data import stratified_split

    return stratified_split(np.asarray(labels), fraction, seed)


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
