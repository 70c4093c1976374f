"""Paths and the two pipeline configurations (full and --quick).

Every number that shapes a result lives here, so metrics.json can record the exact settings.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from typing import Dict

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def datasets_dir() -> str:
    """``$DATASETS_DIR``, else ``<repo>/../shared/datasets`` (same rule as lib/config.ts)."""
    return os.path.abspath(os.environ.get("DATASETS_DIR", os.path.join(REPO_ROOT, "..", "shared", "datasets")))


def tokenizers_dir() -> str:
    """``$TOKENIZERS_DIR``, else ``<DATASETS_DIR>/../tokenizers``."""
    return os.path.abspath(os.environ.get("TOKENIZERS_DIR", os.path.join(datasets_dir(), "..", "tokenizers")))


def cache_dir() -> str:
    """``$DATA_CACHE_DIR``, else ``<repo>/data/.cache`` (git-ignored)."""
    return os.path.abspath(os.environ.get("DATA_CACHE_DIR", os.path.join(REPO_ROOT, "data", ".cache")))


def num_threads(default: int = 0) -> int:
    """``$NLP_THREADS``, else ``default`` if > 0, else the cores this process may use."""
    env = os.environ.get("NLP_THREADS")
    if env:
        return max(1, int(env))
    if default > 0:
        return default
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ArchConfig:
    """Encoder size shared by every recipe (BERT and RoBERTa differ only in vocabulary/specials)."""

    num_hidden_layers: int = 4
    hidden_size: int = 256
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_len: int = 128  # tokens per sequence, special tokens included


@dataclass(frozen=True)
class RecipeConfig:
    """One pretraining recipe. ``masking`` is "static" (masks drawn once per duplicate and
    reused) or "dynamic" (drawn each time a sequence is fed)."""

    name: str
    tokenizer: str  # "bert" | "roberta"
    objective: str  # "mlm+nsp" (segment pairs, BertForPreTraining) | "mlm" (FULL-SENTENCES)
    masking: str  # "static" | "dynamic"
    data: str  # "subset" (1/data_ratio of the pool, repeated) | "pool" (the whole pool)
    batch_size: int
    lr: float
    adam_beta2: float
    dupe_factor: int = 1  # BERT data: differently paired (and, if static, masked) duplicates
    description: str = ""


@dataclass(frozen=True)
class PretrainConfig:
    token_budget: int  # non-padding tokens fed to the encoder, identical for every recipe
    subset_epochs: int  # passes over the small "subset" data (BERT recipe) within the budget
    data_ratio: int  # pool size / subset size (RoBERTa's "10x more data")
    micro_batch: int  # sequences per forward pass (gradient accumulation up to batch_size)
    warmup_frac: float = 0.06
    weight_decay: float = 0.01
    adam_eps: float = 1e-6
    grad_clip: float = 1.0
    mask_prob: float = 0.15
    short_seq_prob: float = 0.1  # BERT: probability of a shorter target length
    eval_points: int = 12  # held-out evaluations per run (the MLM curve)
    eval_sequences: int = 256  # held-out sequences (fixed masks) for masked-token accuracy
    checkpoint_every_s: float = 300.0


@dataclass(frozen=True)
class FinetuneConfig:
    """The same hyper-parameter budget for every encoder (no per-model tuning). lr was picked
    between 3e-4 and 5e-4 from the *training* loss alone (840 training products of the 80/20
    split, an intermediate BERT checkpoint): 3e-4 left the training accuracy at 0.95 after 4
    epochs, 5e-4 reached 0.985; no held-out prediction was looked at."""

    epochs: int = 4
    batch_size: int = 16
    lr: float = 5e-4
    warmup_frac: float = 0.1
    weight_decay: float = 0.01
    grad_clip: float = 1.0
    folds: int = 5
    test_size: float = 0.2


@dataclass(frozen=True)
class TfidfConfig:
    word_ngrams: tuple = (1, 2)
    char_ngrams: tuple = (2, 5)
    word_min_df: int = 2
    char_min_df: int = 2
    word_max_features: int = 20000
    char_max_features: int = 30000
    C: float = 20.0
    max_iter: int = 2000


@dataclass(frozen=True)
class PipelineConfig:
    mode: str
    seed: int
    arch: ArchConfig
    pretrain: PretrainConfig
    recipes: Dict[str, RecipeConfig]
    ablations: tuple  # recipe names fine-tuned for comparison but not exported
    finetune: FinetuneConfig
    tfidf: TfidfConfig
    export_fp16: bool = True  # fp16 initializers in the ONNX graph (see README)
    golden_products: int = 64  # products with golden logits for the parity test
    # data export (lib/nlp/cli/exportNlpData.ts)
    corpus_tokens: int = 0
    heldout_docs: int = 0
    product_share: float = 0.5
    served: tuple = ("bert", "roberta")
    # torch threads: 0 = the cores available. Quick mode uses 1: its tiny matrices gain nothing
    # from a second thread, and on a busy machine OpenMP barriers make 2 threads several times slower.
    threads: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def _recipes(scale_batch: int = 1) -> Dict[str, RecipeConfig]:
    b = max(1, 16 // scale_batch)
    return {
        "bert": RecipeConfig(
            name="bert", tokenizer="bert", objective="mlm+nsp", masking="static", data="subset",
            batch_size=b, lr=5e-4, adam_beta2=0.999, dupe_factor=2,
            description="BERT: WordPiece, MLM + NSP on segment pairs, static masking (masks drawn once: 2 "
                        "differently paired and masked copies of a 10x smaller subset, each fed about 3 times), "
                        "batch 16, lr 5e-4"),
        "roberta": RecipeConfig(
            name="roberta", tokenizer="roberta", objective="mlm", masking="dynamic", data="pool",
            batch_size=b, lr=5e-4, adam_beta2=0.98,
            description="RoBERTa: byte-level BPE, MLM only on FULL-SENTENCES, dynamic masking, 10x more data "
                        "(seen once), beta2 0.98; its larger batch is kept in tokens, not sequences: 16 FULL-SENTENCES "
                        "sequences carry ~1.7x BERT's tokens per update (64 sequences at lr 1e-3 gave only 336 "
                        "updates and left the encoder on the unigram plateau, see training/nlp/README.md)"),
        "bert_dynamic": RecipeConfig(
            name="bert_dynamic", tokenizer="bert", objective="mlm+nsp", masking="dynamic", data="subset",
            batch_size=b, lr=5e-4, adam_beta2=0.999, dupe_factor=2,
            description="Ablation: the BERT recipe with dynamic instead of static masking (only the masking differs)"),
    }


def full_config() -> PipelineConfig:
    return PipelineConfig(
        mode="full",
        seed=13,
        arch=ArchConfig(),
        pretrain=PretrainConfig(token_budget=2_400_000, subset_epochs=10, data_ratio=10, micro_batch=32),
        recipes=_recipes(),
        ablations=("bert_dynamic",),
        finetune=FinetuneConfig(),
        tfidf=TfidfConfig(),
        corpus_tokens=2_520_000,
        heldout_docs=1500,
    )


def quick_config() -> PipelineConfig:
    """Every stage on a tiny configuration (CI smoke test, well under 3 minutes)."""
    return PipelineConfig(
        mode="quick",
        seed=13,
        arch=ArchConfig(num_hidden_layers=2, hidden_size=32, num_attention_heads=2, intermediate_size=64, max_len=64),
        pretrain=PretrainConfig(token_budget=24_000, subset_epochs=4, data_ratio=4, micro_batch=8,
                                eval_points=3, eval_sequences=16, checkpoint_every_s=30.0),
        recipes=_recipes(scale_batch=4),
        ablations=("bert_dynamic",),
        finetune=FinetuneConfig(epochs=1, batch_size=32, lr=1e-3),
        threads=1,
        tfidf=replace(TfidfConfig(), word_max_features=2000, char_max_features=3000, max_iter=300),
        golden_products=50,
        corpus_tokens=30_000,
        heldout_docs=40,
    )


def get_config(quick: bool) -> PipelineConfig:
    return quick_config() if quick else full_config()
