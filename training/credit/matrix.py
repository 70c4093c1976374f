"""Reader of the binary feature-matrix files written by lib/credit/matrixFile.ts."""
from __future__ import annotations

import json
import struct
from dataclasses import dataclass

import numpy as np

MAGIC = b"PADFMX01"


def _align8(n: int) -> int:
    return (n + 7) & ~7


@dataclass
class FeatureMatrix:
    header: dict
    X: np.ndarray  # float32, rows x cols, NaN = missing
    ids: np.ndarray  # float64 SK_ID_CURR
    y: np.ndarray  # float64 TARGET (NaN when unknown)

    @property
    def spec(self) -> dict:
        return self.header["spec"]

    @property
    def feature_names(self) -> list[str]:
        return [f["name"] for f in self.spec["features"]]

    @property
    def model_columns(self) -> list[int]:
        """Columns a model may use: every feature not flagged protected by the TypeScript field registry."""
        return [j for j, f in enumerate(self.spec["features"]) if not f.get("protected")]

    def select(self, columns: list[int]) -> "FeatureMatrix":
        """The same rows restricted to `columns` (the spec follows)."""
        spec = {**self.spec, "features": [self.spec["features"][j] for j in columns]}
        return FeatureMatrix(header={**self.header, "spec": spec, "cols": len(columns)},
                             X=np.ascontiguousarray(self.X[:, columns]), ids=self.ids, y=self.y)


def features_sha256(X: np.ndarray) -> str:
    """SHA-256 of the feature values as little-endian float32, row-major (what lib/credit/features.ts
    must reproduce bit for bit; NaN payloads are the canonical quiet NaN in both)."""
    import hashlib

    return hashlib.sha256(np.ascontiguousarray(X, dtype="<f4").tobytes()).hexdigest()


def read_frame(path: str, magic: bytes, kind: str | None = None) -> tuple[bytes, dict, int]:
    """The frame of the feature-matrix file and of the trees.write_blocks containers: 8-byte magic,
    u32 little-endian header length, JSON header, zero padding to 8, then the arrays. Returns the
    file's bytes, the header and the offset where the arrays start; a foreign file (other magic) is
    a ValueError that names the expected kind of file, if given."""
    with open(path, "rb") as fh:
        raw = fh.read()
    if raw[:8] != magic:
        raise ValueError(f"{path} is not a {kind} file (bad magic)" if kind else f"{path}: bad magic")
    (length,) = struct.unpack_from("<I", raw, 8)
    header = json.loads(raw[12 : 12 + length].decode("utf-8"))
    return raw, header, _align8(12 + length)


def read_matrix(path: str) -> FeatureMatrix:
    raw, header, start = read_frame(path, MAGIC, "feature-matrix")
    rows, cols = header["rows"], header["cols"]
    blocks = header["blocks"]

    def block(name: str, count: int) -> np.ndarray:
        b = blocks[name]
        dtype = np.dtype("<f4") if b["dtype"] == "float32" else np.dtype("<f8")
        return np.frombuffer(raw, dtype=dtype, count=count, offset=start + b["offset"]).copy()

    X = block("matrix", rows * cols).reshape(rows, cols)
    return FeatureMatrix(header=header, X=X, ids=block("ids", rows), y=block("target", rows))
