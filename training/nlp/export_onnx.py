"""Export of a fine-tuned classifier for transformers.js / onnxruntime-node.

Layout of ``<out>/`` (a transformers.js model folder):

* ``config.json`` — Hugging Face config (model_type, architectures *ForSequenceClassification,
  id2label / label2id, sizes);
* ``tokenizer.json``, ``tokenizer_config.json`` (model_max_length = max_len),
  ``special_tokens_map.json``;
* ``onnx/model.onnx`` — inputs ``input_ids``, ``attention_mask`` (+ ``token_type_ids`` for BERT),
  int64 [batch, sequence]; outputs ``logits`` float32 [batch, num_labels] and
  ``attentions.0`` … ``attentions.{L-1}``, float32 [batch, heads, sequence, sequence] (softmax
  attention probabilities of each layer; transformers.js exposes them as ``output.attentions``);
* ``golden_logits.json`` — products, their input ids and the PyTorch logits (parity test).

Weights are stored as float16 initializers followed by Cast-to-float32 nodes, so every
computation stays float32 while the file is half the size. The PyTorch reference (golden
logits and the reported held-out metrics of the served model) uses the same fp16-rounded
weights, so the two sides compute the same function.
"""
from __future__ import annotations

import json
import os
import shutil
from typing import List, Sequence

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from .finetune import predict_logits
from .modeling import EncoderForSequenceClassification
from .utils import write_json

OPSET = 14


class _OnnxWrapper(torch.nn.Module):
    def __init__(self, model: EncoderForSequenceClassification, with_token_types: bool):
        super().__init__()
        self.model = model
        self.with_token_types = with_token_types

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        logits, probs = self.model(input_ids, attention_mask, token_type_ids, output_attentions=True)
        return (logits, *probs)


def export_onnx(model: EncoderForSequenceClassification, path: str, fp16_weights: bool = True) -> dict:
    """Writes the ONNX graph; returns a description of its inputs, outputs and size."""
    model.eval()
    bert = model.config.model_type == "bert"
    wrapper = _OnnxWrapper(model, bert)
    n_layers = model.config.num_hidden_layers
    ids = torch.tensor([[model.config.bos_token_id or 101, 1000, 1001, 1002, 2]], dtype=torch.long)
    mask = torch.ones_like(ids)
    inputs = (ids, mask, torch.zeros_like(ids)) if bert else (ids, mask)
    input_names = ["input_ids", "attention_mask"] + (["token_type_ids"] if bert else [])
    output_names = ["logits"] + [f"attentions.{i}" for i in range(n_layers)]
    dyn = {n: {0: "batch_size", 1: "sequence_length"} for n in input_names}
    dyn["logits"] = {0: "batch_size"}
    for i in range(n_layers):
        dyn[f"attentions.{i}"] = {0: "batch_size", 2: "sequence_length", 3: "sequence_length"}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(wrapper, inputs, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)
    converted = fp16_initializers(path) if fp16_weights else 0
    onnx.checker.check_model(onnx.load(path))
    return {"path": path, "opset": OPSET, "inputs": input_names, "outputs": output_names,
            "fp16_initializers": converted, "bytes": os.path.getsize(path)}


def fp16_initializers(path: str, min_size: int = 16) -> int:
    """Stores every float32 initializer of at least ``min_size`` values that float16 represents
    exactly (all weights, once the model was rounded with finetune.round_to_fp16) as float16,
    followed by a Cast back to float32. Constants fp16 cannot hold exactly (e.g. the attention
    mask's float32 minimum) stay float32, so the graph computes exactly what it did before."""
    m = onnx.load(path)
    g = m.graph
    keep, casts, n = [], [], 0
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT:
            arr = numpy_helper.to_array(init)
            if arr.size >= min_size:
                half = arr.astype(np.float16)
                if np.array_equal(half.astype(np.float32), arr):
                    name16 = init.name + "_fp16"
                    keep.append(numpy_helper.from_array(half, name16))
                    casts.append(helper.make_node("Cast", [name16], [init.name], to=TensorProto.FLOAT,
                                                  name=f"cast_fp16_{n}"))
                    n += 1
                    continue
        keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.save(m, path)
    return n


def write_model_folder(model: EncoderForSequenceClassification, out_dir: str, tokenizer_dir: str, max_len: int,
                       fp16_weights: bool = True) -> dict:
    """config.json + tokenizer files + onnx/model.onnx in ``out_dir`` (replaced)."""
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    model.config.architectures = [model.architecture_name()]
    model.config.save(out_dir)
    for name in ("tokenizer.json", "special_tokens_map.json"):
        shutil.copyfile(os.path.join(tokenizer_dir, name), os.path.join(out_dir, name))
    with open(os.path.join(tokenizer_dir, "tokenizer_config.json"), encoding="utf-8") as f:
        tcfg = json.load(f)
    tcfg["model_max_length"] = max_len
    write_json(os.path.join(out_dir, "tokenizer_config.json"), tcfg, indent=2)
    return export_onnx(model, os.path.join(out_dir, "onnx", "model.onnx"), fp16_weights)


def write_golden_logits(model: EncoderForSequenceClassification, out_dir: str, product_ids: Sequence[str],
                        texts: Sequence[str], seqs: Sequence[np.ndarray], labels: Sequence[int], pad_id: int,
                        max_len: int) -> dict:
    """PyTorch logits of each product computed alone (no padding), with its input ids."""
    rows = []
    for pid, text, s, y in zip(product_ids, texts, seqs, labels):
        logits = predict_logits(model, [s], pad_id, token_type=model.config.model_type == "bert")[0]
        rows.append({"id": pid, "text": text, "label": int(y), "input_ids": [int(t) for t in s],
                     "logits": [float(x) for x in logits]})
    doc = {"tolerance": 1e-4, "max_length": max_len,
           "tokenizer_call": {"truncation": True, "max_length": max_len}, "rows": rows}
    write_json(os.path.join(out_dir, "golden_logits.json"), doc)
    return {"rows": len(rows)}


def folder_size(path: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def describe(paths: List[str]) -> dict:
    return {os.path.basename(p): folder_size(p) for p in paths}
