"""Small shared helpers: seeding, threads, optimiser, schedules, timing, JSON."""
from __future__ import annotations

import json
import os
import random
import time
from typing import Iterable

import numpy as np
import torch

from .config import num_threads


def setup_torch(seed: int, threads: int = 0) -> int:
    """Sets the thread count (see config.num_threads), deterministic kernels, and seeds."""
    n = num_threads(threads)
    torch.set_num_threads(n)
    torch.use_deterministic_algorithms(True, warn_only=True)
    seed_all(seed)
    return n


def seed_all(seed: int) -> None:
    """Seeds python, numpy and torch."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def adamw(model: torch.nn.Module, lr: float, weight_decay: float, betas=(0.9, 0.999), eps: float = 1e-6):
    """AdamW without weight decay on biases and LayerNorm weights (as BERT/RoBERTa)."""
    decay, no_decay, seen = [], [], set()
    for name, p in model.named_parameters():
        if not p.requires_grad or id(p) in seen:
            continue
        seen.add(id(p))
        (no_decay if (name.endswith("bias") or "LayerNorm" in name or "layer_norm" in name or ".norm." in name)
         else decay).append(p)
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=betas, eps=eps, foreach=True)


def linear_warmup_decay(progress: float, warmup_frac: float) -> float:
    """LR multiplier for progress in [0, 1]: linear warm-up, then linear decay to 0."""
    if warmup_frac > 0 and progress < warmup_frac:
        return progress / warmup_frac
    return max(0.0, (1.0 - progress) / max(1e-12, 1.0 - warmup_frac))


def set_lr(optimizer, lr: float) -> None:
    for g in optimizer.param_groups:
        g["lr"] = lr


class Timer:
    def __init__(self):
        self.t0 = time.time()

    @property
    def seconds(self) -> float:
        return time.time() - self.t0


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def write_json(path: str, obj, indent=None) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def read_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def downsample(points: Iterable, max_points: int = 200) -> list:
    """Every k-th point so that at most ``max_points`` remain (last point kept)."""
    pts = list(points)
    if len(pts) <= max_points:
        return pts
    k = -(-len(pts) // max_points)
    out = pts[::k]
    if out[-1] is not pts[-1]:
        out.append(pts[-1])
    return out
