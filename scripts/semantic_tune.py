#!/usr/bin/env python3
"""Measures the static table's choices (dimension, token weighting, article text, fusion weights) on the
shared corpus and our corpus's `train` half ONLY. Validation texts are never loaded here.

Usage: scripts/semantic_tune.py [--bm25 FILE] [--shared DIR] [--corpus DIR]
"""
import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
import distill  # noqa: E402
import minilm  # noqa: E402
import minilm_baseline as mb  # noqa: E402

CACHE = Path("/tmp/minilm-token-vectors.npy")


def score(cases, ids, matrix):
    top1 = top3 = 0
    for case, row in zip(cases, matrix):
        order = sorted(range(len(ids)), key=lambda i: (-row[i], ids[i]))
        top1 += mb.hit(ids[order[0]], case["labels"])
        top3 += any(mb.hit(ids[i], case["labels"]) for i in order[:3])
    return top1, top3


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--corpus", default=str(ROOT / "Corpus/complaints"))
    parser.add_argument("--bm25")
    args = parser.parse_args()
    model = minilm.MiniLM()
    cases = [c for c in mb.load_cases(args.shared, args.corpus) if c["set"] in ("shared", "train")]
    groups = {"shared": [c for c in cases if c["set"] == "shared"], "train": [c for c in cases if c["set"] == "train"]}
    print({k: len(v) for k, v in groups.items()})
    articles = mb.load_articles(str(ROOT / "KnowledgeBase"))
    ids = [a["id"] for a in articles]
    if CACHE.exists():
        raw = np.load(CACHE)
    else:
        raw = distill.token_vectors(model)
        np.save(CACHE, raw)

    def tokens(text):
        return [t for t in model.tokenizer.encode(text).ids if t not in (101, 102)]

    def embed(table, text):
        v = table[tokens(text)].sum(0) if tokens(text) else np.zeros(table.shape[1])
        n = np.linalg.norm(v)
        return v / n if n > 0 else v

    def article_vectors(table, mode):
        out = []
        for a in articles:
            fields = {
                "title": [a["title"]], "keywords": a.get("keywords", []), "summary": [a.get("summary", "")],
                "examples": a.get("examples", []),
            }
            if mode == "joined-tke":
                v = embed(table, ". ".join(fields["title"] + fields["keywords"] + fields["examples"]))
            elif mode == "joined-tkse":
                v = embed(table, ". ".join(fields["title"] + fields["keywords"] + fields["summary"] + fields["examples"]))
            elif mode == "mean-texts":
                texts = fields["title"] + fields["keywords"] + fields["summary"] + fields["examples"]
                v = np.mean([embed(table, t) for t in texts if t], 0)
            elif mode == "mean-fields":
                v = np.mean([embed(table, ". ".join(t)) for t in fields.values() if t], 0)
            elif mode == "joined-tks":
                v = embed(table, ". ".join(fields["title"] + fields["keywords"] + fields["summary"]))
            out.append(v / np.linalg.norm(v))
        return np.vstack(out)

    results = {}
    for dim, a, mode in itertools.product([64, 128, 256, 384], [1e-2, 1e-3, 1e-4, None], ["joined-tke", "joined-tkse", "mean-texts", "mean-fields", "joined-tks"]):
        reduced = distill.pca(raw, dim)
        weights = distill.sif_weights(model.vocabulary, a) if a else (distill.sif_weights(model.vocabulary, 1e9))
        table = reduced * weights[:, None]
        values, scales = distill.quantise(table)
        table = values.astype(np.float64) * scales[:, None]
        av = article_vectors(table, mode)
        line = []
        for name, group in groups.items():
            q = np.vstack([embed(table, c["text"]) for c in group]) if group else np.zeros((0, dim))
            cos = q @ av.T
            t1, t3 = score(group, ids, cos)
            line.append(f"{name} {t1}/{t3} of {len(group)}")
            results[(dim, a, mode, name)] = cos
        print(f"dim {dim:3} a {a} {mode:12}: " + "  ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
