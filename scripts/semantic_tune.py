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
    parser.add_argument("--certainty", action="store_true", help="fit the confidence on the shipped table and fusion")
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

    if args.certainty:
        return certainty(args, model, groups, ids, embed, article_vectors)
    if args.bm25:
        return fusion(args, model, groups, ids, raw, embed, article_vectors)
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


def fused_order(bm25, cos, ids, weight, floor, kind):
    if kind == "score":
        fused = mb.fuse(bm25, cos, weight, floor)
    else:  # reciprocal rank fusion, k = 60; ties in BM25 (e.g. all zero) ranked by id
        rb = np.empty(len(ids))
        rb[sorted(range(len(ids)), key=lambda i: (-bm25[i], ids[i]))] = np.arange(len(ids))
        rs = np.empty(len(ids))
        rs[sorted(range(len(ids)), key=lambda i: (-cos[i], ids[i]))] = np.arange(len(ids))
        fused = 1 / (60 + rb) + weight / (60 + rs)
        fused = np.where(bm25 > 0, fused, fused * (1 if floor <= 0 else 0.5))
    return sorted(range(len(ids)), key=lambda i: (-fused[i], ids[i])), fused


def shipped_table():
    """The committed table, read like StaticEmbedding.swift reads it."""
    import struct

    data = (ROOT / "Sources/CSemanticTable/data/minilm-static.bin").read_bytes()
    count, dim, string_bytes = struct.unpack("<III", data[8:20])
    at = 20 + 4 * count + 4 * (count + 1) + string_bytes
    scales = np.frombuffer(data, dtype="<f4", count=count, offset=at).astype(np.float64)
    rows = np.frombuffer(data, dtype=np.int8, count=count * dim, offset=at + 4 * count).reshape(count, dim)
    return rows.astype(np.float64) * scales[:, None]


def certainty(args, model, groups, ids, embed, article_vectors, weight=0.75, floor=0.2):
    """Logistic fit of P(first hit right) on (margin, first cosine, log(1 + first score)); reports calibration."""
    import json

    dumped = {json.loads(l)["text"]: json.loads(l) for l in Path(args.bm25).read_text().splitlines()}
    table = shipped_table()
    av = article_vectors(table, "joined-tke")
    rows, labels = [], []
    for name, group in groups.items():
        for c in group:
            bm25 = np.array([dumped[c["text"]]["scores"].get(i, 0.0) for i in ids])
            q = embed(table, c["text"][:4000])
            cos = q @ av.T
            fused = mb.fuse(bm25, cos, weight, floor) if np.any(q) else bm25
            order = sorted(range(len(ids)), key=lambda i: (-fused[i], ids[i]))
            s1, s2 = fused[order[0]], fused[order[1]]
            if s1 <= 0:
                continue
            rows.append([1.0, max(0.0, s1 - s2) / s1, float(cos[order[0]]) if np.any(q) else 0.0, np.log1p(s1)])
            labels.append(float(mb.hit(ids[order[0]], c["labels"])))
    x, y = np.array(rows), np.array(labels)
    beta = np.zeros(x.shape[1])
    for _ in range(50):  # Newton's method with a little ridge for stability
        p = 1 / (1 + np.exp(-x @ beta))
        gradient = x.T @ (y - p) - 0.1 * beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + 0.1 * np.eye(len(beta))
        beta += np.linalg.solve(hessian, gradient)
    p = 1 / (1 + np.exp(-x @ beta))
    print("coefficients (intercept, margin, cosine, log1p score):", [round(float(b), 3) for b in beta])
    bins = np.clip((p * 5).astype(int), 0, 4)
    for b in range(5):
        mask = bins == b
        if mask.any():
            print(f"  p in [{b / 5:.1f}, {(b + 1) / 5:.1f}): n={mask.sum():3}  predicted {p[mask].mean():.2f}  observed {y[mask].mean():.2f}")
    return 0


def fusion(args, model, groups, ids, raw, embed, article_vectors):
    import json

    dumped = {}
    for line in Path(args.bm25).read_text().splitlines():
        entry = json.loads(line)
        dumped[entry["text"]] = entry
    bm25 = {name: [np.array([dumped[c["text"]]["scores"].get(i, 0.0) for i in ids]) for c in group] for name, group in groups.items()}
    for name, group in groups.items():
        t1 = sum(bool(row.max() > 0) and mb.hit(ids[int(np.argmax(row))], c["labels"]) for c, row in zip(group, bm25[name]))
        print(f"BM25F alone {name}: top-1 {t1}/{len(group)}")
    for dim, a, mode in itertools.product([256, 128], [1e-5, 1e-6], ["joined-tke", "joined-tkse"]):
        reduced = distill.pca(raw, dim)
        table = reduced * distill.sif_weights(model.vocabulary, a)[:, None]
        values, scales = distill.quantise(table)
        table = values.astype(np.float64) * scales[:, None]
        av = article_vectors(table, mode)
        cos = {name: [embed(table, c["text"][:4000]) @ av.T for c in group] for name, group in groups.items()}
        for kind, weights, floors in [("score", [0.5, 0.75, 1.0, 1.5, 2.0, 3.0], [0.2, 0.5])]:
            for weight, floor in itertools.product(weights, floors):
                line = []
                for name, group in groups.items():
                    t1 = t3 = 0
                    for c, b, q in zip(group, bm25[name], cos[name]):
                        order, _ = fused_order(b, q, ids, weight, floor, kind)
                        t1 += mb.hit(ids[order[0]], c["labels"])
                        t3 += any(mb.hit(ids[i], c["labels"]) for i in order[:3])
                    line.append(f"{name} {t1}/{t3}")
                print(f"dim {dim} a {a} {mode} {kind} w {weight} floor {floor}: " + "  ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
