"""BERT and RoBERTa encoders with Hugging Face-compatible configs and parameter names.

The modules mirror ``transformers``' ``modeling_bert`` / ``modeling_roberta`` closely enough that
the state-dict keys and shapes are identical, so a checkpoint saved here (``config.json`` +
``pytorch_model.bin``) loads in Hugging Face and an official ``bert-base-uncased`` or
``roberta-base`` checkpoint loads here:

* ``BertForPreTraining``      — ``bert.*`` + ``cls.predictions.*`` (MLM) + ``cls.seq_relationship.*`` (NSP)
* ``RobertaForMaskedLM``      — ``roberta.*`` + ``lm_head.*``
* ``BertForSequenceClassification``    — ``bert.*`` (with pooler) + ``classifier.*``
* ``RobertaForSequenceClassification`` — ``roberta.*`` (no pooler) + ``classifier.dense/out_proj``

Only what the project needs is implemented (absolute positions, post-LayerNorm, exact GELU).
The masked-LM heads compute vocabulary logits only at masked positions, which is where most of
the pretraining FLOPs would otherwise go; the loss is identical.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

import torch
from torch import nn
import torch.nn.functional as F

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "pytorch_model.bin"


@dataclass
class EncoderConfig:
    """The subset of ``BertConfig`` / ``RobertaConfig`` fields this code uses (same JSON keys)."""

    model_type: str = "bert"
    vocab_size: int = 30522
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    hidden_act: str = "gelu"
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    initializer_range: float = 0.02
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0
    bos_token_id: Optional[int] = None
    eos_token_id: Optional[int] = None
    position_embedding_type: str = "absolute"
    classifier_dropout: Optional[float] = None
    id2label: Dict[int, str] = field(default_factory=dict)
    label2id: Dict[str, int] = field(default_factory=dict)
    architectures: List[str] = field(default_factory=list)

    @staticmethod
    def bert(**kw) -> "EncoderConfig":
        """Defaults of bert-base-uncased's config, overridable (e.g. hidden_size=256)."""
        base = dict(model_type="bert", vocab_size=30522, type_vocab_size=2, layer_norm_eps=1e-12, pad_token_id=0)
        base.update(kw)
        return EncoderConfig(**base)

    @staticmethod
    def roberta(**kw) -> "EncoderConfig":
        """Defaults of roberta-base's config; ``max_position_embeddings`` must be max_len + 2."""
        base = dict(model_type="roberta", vocab_size=50265, type_vocab_size=1, layer_norm_eps=1e-5,
                    pad_token_id=1, bos_token_id=0, eos_token_id=2, max_position_embeddings=130)
        base.update(kw)
        return EncoderConfig(**base)

    @property
    def num_labels(self) -> int:
        return len(self.id2label)

    @property
    def max_sequence_length(self) -> int:
        """Longest input (special tokens included) the position table allows."""
        return self.max_position_embeddings - (self.pad_token_id + 1 if self.model_type == "roberta" else 0)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id2label"] = {str(k): v for k, v in self.id2label.items()}
        if not d["architectures"]:
            del d["architectures"]
        if not self.id2label:
            del d["id2label"], d["label2id"]
        for k in ("bos_token_id", "eos_token_id", "classifier_dropout"):
            if d[k] is None and k != "classifier_dropout":
                del d[k]
        d["torch_dtype"] = "float32"
        return dict(sorted(d.items()))

    @classmethod
    def from_dict(cls, d: dict) -> "EncoderConfig":
        """Reads a Hugging Face config.json dict; unknown keys are ignored."""
        known = {f for f in cls.__dataclass_fields__}
        kw = {k: v for k, v in d.items() if k in known}
        if "id2label" in kw:
            kw["id2label"] = {int(k): v for k, v in kw["id2label"].items()}
        if "label2id" in kw:
            kw["label2id"] = {k: int(v) for k, v in kw["label2id"].items()}
        cfg = cls(**kw)
        if cfg.model_type not in ("bert", "roberta"):
            raise ValueError(f"unsupported model_type {cfg.model_type!r} (bert or roberta)")
        if cfg.hidden_act != "gelu" or cfg.position_embedding_type != "absolute":
            raise ValueError("only hidden_act='gelu' and absolute position embeddings are implemented")
        return cfg

    def save(self, directory: str) -> None:
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, CONFIG_NAME), "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, indent=2, ensure_ascii=False)
            f.write("\n")

    @classmethod
    def load(cls, directory: str) -> "EncoderConfig":
        with open(os.path.join(directory, CONFIG_NAME), encoding="utf-8") as f:
            return cls.from_dict(json.load(f))


# --------------------------------------------------------------------------- encoder


class Embeddings(nn.Module):
    """word + position + token-type embeddings, LayerNorm, dropout (``*.embeddings.*``)."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        pad = cfg.pad_token_id
        self.word_embeddings = nn.Embedding(cfg.vocab_size, cfg.hidden_size, padding_idx=pad)
        # RoBERTa's position table also has padding_idx = pad_token_id (positions start at pad + 1).
        self.position_embeddings = nn.Embedding(
            cfg.max_position_embeddings, cfg.hidden_size, padding_idx=pad if cfg.model_type == "roberta" else None)
        self.token_type_embeddings = nn.Embedding(cfg.type_vocab_size, cfg.hidden_size)
        self.LayerNorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def position_ids(self, input_ids: torch.Tensor) -> torch.Tensor:
        if self.cfg.model_type == "roberta":
            # transformers' create_position_ids_from_input_ids: padding keeps padding_idx.
            mask = input_ids.ne(self.cfg.pad_token_id).long()
            return torch.cumsum(mask, dim=1) * mask + self.cfg.pad_token_id
        seq = input_ids.shape[1]
        return torch.arange(seq, dtype=torch.long, device=input_ids.device).unsqueeze(0).expand_as(input_ids)

    def forward(self, input_ids: torch.Tensor, token_type_ids: Optional[torch.Tensor] = None) -> torch.Tensor:
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        x = (self.word_embeddings(input_ids) + self.position_embeddings(self.position_ids(input_ids))
             + self.token_type_embeddings(token_type_ids))
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    """``attention.self``: query/key/value projections and scaled dot-product attention."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        if cfg.hidden_size % cfg.num_attention_heads:
            raise ValueError("hidden_size must be a multiple of num_attention_heads")
        self.heads = cfg.num_attention_heads
        self.head_dim = cfg.hidden_size // cfg.num_attention_heads
        self.query = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.key = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.value = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.dropout = nn.Dropout(cfg.attention_probs_dropout_prob)

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + additive_mask
        probs = torch.softmax(scores, dim=-1)
        ctx = torch.matmul(self.dropout(probs), v).permute(0, 2, 1, 3).contiguous()
        return ctx.view(x.shape[0], x.shape[1], -1), probs


class DenseResidualNorm(nn.Module):
    """``attention.output`` / ``output``: dense, dropout, LayerNorm(residual + x)."""

    def __init__(self, d_in: int, cfg: EncoderConfig):
        super().__init__()
        self.dense = nn.Linear(d_in, cfg.hidden_size)
        self.LayerNorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.self = SelfAttention(cfg)
        self.output = DenseResidualNorm(cfg.hidden_size, cfg)

    def forward(self, x, additive_mask):
        ctx, probs = self.self(x, additive_mask)
        return self.output(ctx, x), probs


class Intermediate(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.dense = nn.Linear(cfg.hidden_size, cfg.intermediate_size)

    def forward(self, x):
        return F.gelu(self.dense(x))  # exact (erf) GELU, as hidden_act="gelu" in transformers


class Layer(nn.Module):
    """``encoder.layer.N``."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.attention = Attention(cfg)
        self.intermediate = Intermediate(cfg)
        self.output = DenseResidualNorm(cfg.intermediate_size, cfg)

    def forward(self, x, additive_mask):
        a, probs = self.attention(x, additive_mask)
        return self.output(self.intermediate(a), a), probs


class Encoder(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.layer = nn.ModuleList([Layer(cfg) for _ in range(cfg.num_hidden_layers)])

    def forward(self, x, additive_mask):
        probs = []
        for layer in self.layer:
            x, p = layer(x, additive_mask)
            probs.append(p)
        return x, probs


class Pooler(nn.Module):
    """``pooler``: tanh(dense(hidden state of the first token))."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)

    def forward(self, hidden):
        return torch.tanh(self.dense(hidden[:, 0]))


class EncoderModel(nn.Module):
    """``BertModel`` / ``RobertaModel`` (the ``bert.`` / ``roberta.`` prefix is the attribute name)."""

    def __init__(self, cfg: EncoderConfig, add_pooling_layer: bool = True):
        super().__init__()
        self.cfg = cfg
        self.embeddings = Embeddings(cfg)
        self.encoder = Encoder(cfg)
        self.pooler = Pooler(cfg) if add_pooling_layer else None

    def forward(self, input_ids, attention_mask=None, token_type_ids=None):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        # transformers' extended attention mask: 0 where attended, dtype-min where masked.
        additive = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        hidden, probs = self.encoder(self.embeddings(input_ids, token_type_ids), additive)
        pooled = self.pooler(hidden) if self.pooler is not None else None
        return hidden, pooled, probs


def init_weights(module: nn.Module, cfg: EncoderConfig) -> None:
    """transformers' ``_init_weights``: N(0, initializer_range), zero bias, LayerNorm = (1, 0)."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            m.weight.data.normal_(0.0, cfg.initializer_range)
            if m.bias is not None:
                m.bias.data.zero_()
        elif isinstance(m, nn.Embedding):
            m.weight.data.normal_(0.0, cfg.initializer_range)
            if m.padding_idx is not None:
                m.weight.data[m.padding_idx].zero_()
        elif isinstance(m, nn.LayerNorm):
            m.weight.data.fill_(1.0)
            m.bias.data.zero_()


# --------------------------------------------------------------------------- heads


class BertLMPredictionHead(nn.Module):
    """``cls.predictions``: ``transform.dense``, ``transform.LayerNorm``, ``decoder``, ``bias``."""

    def __init__(self, cfg: EncoderConfig, word_embeddings: nn.Embedding):
        super().__init__()
        self.transform = nn.Module()
        self.transform.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.transform.LayerNorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.decoder = nn.Linear(cfg.hidden_size, cfg.vocab_size)
        self.decoder.weight = word_embeddings.weight
        self.decoder.bias = self.bias

    def forward(self, h):
        return self.decoder(self.transform.LayerNorm(F.gelu(self.transform.dense(h))))


class BertPreTrainingHeads(nn.Module):
    """``cls``: ``predictions`` (MLM) and ``seq_relationship`` (NSP, on the pooled output)."""

    def __init__(self, cfg: EncoderConfig, word_embeddings: nn.Embedding):
        super().__init__()
        self.predictions = BertLMPredictionHead(cfg, word_embeddings)
        self.seq_relationship = nn.Linear(cfg.hidden_size, 2)


class RobertaLMHead(nn.Module):
    """``lm_head``: ``dense``, ``layer_norm``, ``decoder``, ``bias``."""

    def __init__(self, cfg: EncoderConfig, word_embeddings: nn.Embedding):
        super().__init__()
        self.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.layer_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        self.decoder = nn.Linear(cfg.hidden_size, cfg.vocab_size)
        self.decoder.weight = word_embeddings.weight
        self.decoder.bias = self.bias

    def forward(self, h):
        return self.decoder(self.layer_norm(F.gelu(self.dense(h))))


class RobertaClassificationHead(nn.Module):
    """``classifier``: dropout → dense → tanh → dropout → out_proj on the ``<s>`` hidden state."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        p = cfg.classifier_dropout if cfg.classifier_dropout is not None else cfg.hidden_dropout_prob
        self.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.dropout = nn.Dropout(p)
        self.out_proj = nn.Linear(cfg.hidden_size, cfg.num_labels)

    def forward(self, hidden):
        x = self.dropout(hidden[:, 0])
        x = self.dropout(torch.tanh(self.dense(x)))
        return self.out_proj(x)


# --------------------------------------------------------------------------- task models


def _masked_lm_loss(logits_fn, hidden, labels):
    """Cross-entropy over the positions with label != -100, evaluating the vocabulary projection
    only there. Returns (loss, n_masked, n_correct)."""
    sel = labels.ne(-100)
    n = int(sel.sum())
    if n == 0:
        zero = hidden.sum() * 0.0
        return zero, 0, 0
    logits = logits_fn(hidden[sel])
    target = labels[sel]
    loss = F.cross_entropy(logits, target)
    correct = int((logits.argmax(-1) == target).sum())
    return loss, n, correct


class PreTrainedEncoder(nn.Module):
    """Common save/load in the Hugging Face format (config.json + pytorch_model.bin)."""

    base_prefix = "bert"

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.config = cfg

    @property
    def base(self) -> EncoderModel:
        return getattr(self, self.config.model_type)

    def save_pretrained(self, directory: str) -> None:
        cfg = self.config
        cfg.architectures = [self.architecture_name()]
        cfg.save(directory)
        state = {k: v.detach().cpu().contiguous() for k, v in self.state_dict().items()}
        torch.save(state, os.path.join(directory, WEIGHTS_NAME))

    def architecture_name(self) -> str:
        prefix = "Bert" if self.config.model_type == "bert" else "Roberta"
        return prefix + type(self).__name__.split("Encoder")[-1].replace("Bert", "").replace("Roberta", "")

    @classmethod
    def from_pretrained(cls, directory: str, strict: bool = False, **config_overrides):
        """Loads a config.json + pytorch_model.bin written here or by Hugging Face transformers.

        Keys are matched by their Hugging Face names; legacy ``gamma``/``beta`` LayerNorm names
        are renamed; head weights absent from the checkpoint keep their fresh initialisation
        (e.g. a classifier on top of a pretraining checkpoint). Returns (model, report)."""
        cfg = EncoderConfig.load(directory)
        for k, v in config_overrides.items():
            setattr(cfg, k, v)
        model = cls(cfg)
        state = torch.load(os.path.join(directory, WEIGHTS_NAME), map_location="cpu")
        report = model.load_hf_state_dict(state, strict=strict)
        return model, report

    def load_hf_state_dict(self, state: Dict[str, torch.Tensor], strict: bool = False) -> dict:
        fixed = {}
        for k, v in state.items():
            k2 = k.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias")
            fixed[k2] = v
        own = self.state_dict()
        loadable, unexpected, mismatched = {}, [], []
        for k, v in fixed.items():
            if k not in own:
                unexpected.append(k)
            elif tuple(own[k].shape) != tuple(v.shape):
                mismatched.append(f"{k}: {tuple(v.shape)} vs {tuple(own[k].shape)}")
            else:
                loadable[k] = v
        missing = [k for k in own if k not in loadable]
        if mismatched or (strict and (missing or unexpected)):
            raise ValueError(f"state dict mismatch: missing={missing} unexpected={unexpected} shape={mismatched}")
        self.load_state_dict(loadable, strict=False)
        return {"missing": missing, "unexpected": unexpected}


def _new_base(cfg: EncoderConfig, pooler: bool) -> EncoderModel:
    return EncoderModel(cfg, add_pooling_layer=pooler)


class EncoderForPreTraining(PreTrainedEncoder):
    """``BertForPreTraining``: MLM + NSP heads (BERT recipe, and the ablations that keep NSP)."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__(cfg)
        if cfg.model_type != "bert":
            raise ValueError("EncoderForPreTraining is BertForPreTraining (model_type bert)")
        self.bert = _new_base(cfg, pooler=True)
        self.cls = BertPreTrainingHeads(cfg, self.bert.embeddings.word_embeddings)
        init_weights(self, cfg)
        self.cls.predictions.decoder.weight = self.bert.embeddings.word_embeddings.weight

    def architecture_name(self) -> str:
        return "BertForPreTraining"

    def forward(self, input_ids, attention_mask, token_type_ids, mlm_labels, nsp_labels=None):
        """Returns dict(loss, mlm_loss, nsp_loss, n_masked, n_correct, nsp_correct)."""
        hidden, pooled, _ = self.bert(input_ids, attention_mask, token_type_ids)
        mlm_loss, n, correct = _masked_lm_loss(self.cls.predictions, hidden, mlm_labels)
        out = {"mlm_loss": mlm_loss, "n_masked": n, "n_correct": correct, "loss": mlm_loss}
        if nsp_labels is not None:
            nsp_logits = self.cls.seq_relationship(pooled)
            nsp_loss = F.cross_entropy(nsp_logits, nsp_labels)
            out.update(nsp_loss=nsp_loss, loss=mlm_loss + nsp_loss,
                       nsp_correct=int((nsp_logits.argmax(-1) == nsp_labels).sum()))
        return out


class EncoderForMaskedLM(PreTrainedEncoder):
    """``RobertaForMaskedLM`` (model_type roberta, no pooler) or ``BertForMaskedLM``."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__(cfg)
        if cfg.model_type == "roberta":
            self.roberta = _new_base(cfg, pooler=False)
            self.lm_head = RobertaLMHead(cfg, self.roberta.embeddings.word_embeddings)
        else:
            self.bert = _new_base(cfg, pooler=False)
            self.cls = nn.Module()
            self.cls.predictions = BertLMPredictionHead(cfg, self.bert.embeddings.word_embeddings)
        init_weights(self, cfg)
        self._head().decoder.weight = self.base.embeddings.word_embeddings.weight

    def _head(self):
        return self.lm_head if self.config.model_type == "roberta" else self.cls.predictions

    def architecture_name(self) -> str:
        return "RobertaForMaskedLM" if self.config.model_type == "roberta" else "BertForMaskedLM"

    def forward(self, input_ids, attention_mask, token_type_ids=None, mlm_labels=None, nsp_labels=None):
        hidden, _, _ = self.base(input_ids, attention_mask, token_type_ids)
        loss, n, correct = _masked_lm_loss(self._head(), hidden, mlm_labels)
        return {"loss": loss, "mlm_loss": loss, "n_masked": n, "n_correct": correct}


class EncoderForSequenceClassification(PreTrainedEncoder):
    """``BertForSequenceClassification`` (pooler → dropout → classifier) or
    ``RobertaForSequenceClassification`` (``classifier.dense`` → tanh → ``classifier.out_proj``)."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__(cfg)
        if cfg.num_labels < 2:
            raise ValueError("config.id2label must name the classes")
        if cfg.model_type == "roberta":
            self.roberta = _new_base(cfg, pooler=False)
            self.classifier = RobertaClassificationHead(cfg)
        else:
            self.bert = _new_base(cfg, pooler=True)
            p = cfg.classifier_dropout if cfg.classifier_dropout is not None else cfg.hidden_dropout_prob
            self.dropout = nn.Dropout(p)
            self.classifier = nn.Linear(cfg.hidden_size, cfg.num_labels)
        init_weights(self, cfg)

    def architecture_name(self) -> str:
        return "RobertaForSequenceClassification" if self.config.model_type == "roberta" else "BertForSequenceClassification"

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, output_attentions: bool = False):
        hidden, pooled, probs = self.base(input_ids, attention_mask, token_type_ids)
        if self.config.model_type == "roberta":
            logits = self.classifier(hidden)
        else:
            logits = self.classifier(self.dropout(pooled))
        return (logits, probs) if output_attentions else logits


def count_parameters(model: nn.Module) -> Dict[str, int]:
    """Unique parameters (tied weights counted once), split into embeddings and the rest."""
    seen, total, emb = set(), 0, 0
    for name, p in model.named_parameters():
        if id(p) in seen:
            continue
        seen.add(id(p))
        total += p.numel()
        if ".embeddings." in name:
            emb += p.numel()
    return {"total": total, "embeddings": emb, "non_embedding": total - emb}
