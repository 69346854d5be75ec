#!/usr/bin/env python3
"""The full all-MiniLM-L6-v2 model (numpy forward pass) as a retriever over the knowledge base, and fused
with the keyword matcher's BM25F scores: the baseline and design (b) that `make bench` prints beside the
shipped hybrid. A benchmark tool, not a product dependency.

Usage: bench/minilm_baseline.py [--shared DIR] [--corpus DIR] [--kb DIR] [--bm25 FILE] [--splits train,...]

--bm25 FILE: JSON lines from `MailDoctorBench kb --dump-scores` (every text's BM25F scores for every article);
with it, design (b) — the full model's cosine fused with BM25F by the shipped fusion — is measured too.
"""
import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

ACCEPTABLE = {
    "service_inactive": ["service-active"], "client_config": ["email-client", "webmail-test"],
    "mailbox_full": ["mailbox-full"], "webmail_login": ["webmail-login"], "incident": ["incidents"],
    "mx_dns": ["mx-records"], "smtp_temp_4xx": ["smtp-reply-codes", "smtp-4*"],
    "smtp_perm_5xx": ["smtp-reply-codes", "smtp-5*"], "recipient_invalid": ["smtp-550", "smtp-553", "smtp-501"],
    "relay_denied": ["smtp-551", "smtp-554", "smtp-503", "email-client"], "auth_failed": ["smtp-535", "email-client"],
    "spf_dkim_dmarc": ["spf", "dkim", "dmarc", "smtp-550-5.7.26"],
    "blacklist": ["blacklists", "smtp-554", "smtp-550-5.7.1", "smtp-450"], "recipient_full": ["smtp-552"],
    "rate_limit": ["sending-limits", "smtp-555", "smtp-452", "smtp-421", "smtp-450"],
    "spam_blocked": ["account-blocked-spam"],
}


def hit(article: str, labels: list[str]) -> bool:
    for label in labels:
        for accepted in ACCEPTABLE.get(label, []):
            if article.startswith(accepted[:-1]) if accepted.endswith("*") else article == accepted:
                return True
    return False


def load_cases(shared: str | None, corpus: str | None) -> list[dict]:
    """Scored texts: the shared corpus (set "shared") and ours (set = its split), in a fixed order."""
    cases = []
    if shared:
        for name in ["complaints-dev.jsonl", "bounces-wild-dev.jsonl"]:
            path = Path(shared) / "corpus/complaints" / name
            if not path.exists():
                continue
            for line in path.read_text().splitlines():
                entry = json.loads(line)
                if all(label == "other" for label in entry["labels"]):
                    continue
                cases.append({"text": entry["text"], "labels": entry["labels"], "set": "shared", "lang": "en"})
    if corpus and Path(corpus).is_dir():
        import corpus_split

        for path in sorted(Path(corpus).glob("*.jsonl")):
            for line in path.read_text().splitlines():
                if not line.strip():
                    continue
                entry = json.loads(line)
                if all(label == "other" for label in entry["labels"]):
                    continue
                split = entry.get("split") or corpus_split.split_for(entry)
                cases.append(
                    {"text": entry["text"], "labels": entry["labels"], "set": split, "lang": entry.get("lang", "en")}
                )
    return cases


def load_articles(kb: str) -> list[dict]:
    import yaml

    articles = []
    for path in sorted(Path(kb, "articles").glob("*.md")):
        text = path.read_text()
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        meta["body"] = body
        articles.append(meta)
    return articles


def report(name: str, cases: list[dict], rankings: list[list[str]]) -> None:
    """top-1/top-3 per set, and per language on our corpus (same layout as MailDoctorBench)."""
    groups = defaultdict(list)
    for case, ranking in zip(cases, rankings):
        first = bool(ranking) and hit(ranking[0], case["labels"])
        any3 = any(hit(a, case["labels"]) for a in ranking[:3])
        groups[case["set"]].append((first, any3))
        if case["set"] != "shared":
            groups[f"{case['set']}/{case['lang']}"].append((first, any3))
    order = sorted(groups, key=lambda key: (key.count("/"), ["shared", "train", "validation"].index(key.split("/")[0]) if key.split("/")[0] in ["shared", "train", "validation"] else 9, key))
    for key in order:
        values = groups[key]
        top1 = 100 * sum(v[0] for v in values) / len(values)
        top3 = 100 * sum(v[1] for v in values) / len(values)
        print(f"  {name:<28} {key:<16} n={len(values):<4} top-1 {top1:5.1f} %   top-3 {top3:5.1f} %")


def article_text(article: dict) -> str:
    return ". ".join([article["title"], *article.get("keywords", []), *article.get("examples", [])])


def fuse(bm25: np.ndarray, cosine: np.ndarray, weight: float, floor: float) -> np.ndarray:
    """The shipped fusion (Sources/Knowledge/Search/HybridRanking.swift): BM25F plus weight × the
    cosine above a floor, scaled by the best BM25F score (at least 1) so the two stay comparable."""
    scale = max(1.0, float(bm25.max())) if bm25.size else 1.0
    return bm25 + weight * scale * np.maximum(0.0, cosine - floor)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--corpus", default=str(ROOT / "Corpus/complaints"))
    parser.add_argument("--kb", default=str(ROOT / "KnowledgeBase"))
    parser.add_argument("--bm25")
    parser.add_argument("--splits", default="shared,train,validation")
    parser.add_argument("--weight", type=float, default=None)
    parser.add_argument("--floor", type=float, default=None)
    parser.add_argument("--grid", action="store_true", help="fusion weights for design (b), on shared + train only")
    args = parser.parse_args()
    import minilm

    splits = set(args.splits.split(","))
    cases = [case for case in load_cases(args.shared, args.corpus) if case["set"] in splits]
    articles = load_articles(args.kb)
    ids = [article["id"] for article in articles]
    model = minilm.MiniLM()
    start = time.perf_counter()
    article_vectors = model.embed([article_text(a) for a in articles], max_tokens=512)
    load_time = time.perf_counter() - start
    times = []
    lengths = []
    query_vectors = []
    for case in cases:
        tokens = model.tokens(case["text"])
        lengths.append(len(tokens))
        # Thread CPU time (one BLAS thread): what the pass costs, whatever else the machine runs.
        start = time.thread_time()
        query_vectors.append(model.embed_ids([tokens])[0])
        times.append(time.thread_time() - start)
    cosines = np.vstack(query_vectors) @ article_vectors.T
    rankings = [[ids[i] for i in np.argsort(-row, kind="stable")[:3]] for row in cosines]
    times.sort()
    mean_tokens = sum(lengths) / max(1, len(lengths))
    # Multiply-adds per token of the encoder: 6 layers × (4·384² attention projections + 2·384·1536 feed-forward)
    # plus attention itself (2·T·384 per token); × 2 FLOPs.
    flops = 2 * 6 * (4 * 384 * 384 + 2 * 384 * 1536 + 2 * mean_tokens * 384) * mean_tokens
    print(f"== MiniLM-L6 full model, numpy forward pass ({len(cases)} texts; articles embedded in {load_time:.2f} s)")
    print(
        f"  per query (thread CPU time): p50 {1000 * times[len(times) // 2]:.1f} ms  p99 {1000 * times[min(len(times) - 1, len(times) * 99 // 100)]:.1f} ms"
        f"  (mean {mean_tokens:.0f} tokens ≈ {flops / 1e6:.0f} MFLOP per query)"
    )
    report("MiniLM full (alone)", cases, rankings)
    if args.bm25:
        dumped = {}
        for line in Path(args.bm25).read_text().splitlines():
            entry = json.loads(line)
            dumped[entry["text"]] = entry
        weight = args.weight
        floor = args.floor
        if weight is None or floor is None:
            default = next(iter(dumped.values()), {})
            weight = default.get("weight", 0.5) if weight is None else weight
            floor = default.get("floor", 0.2) if floor is None else floor
        if args.grid:
            for w in [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]:
                counts = defaultdict(lambda: [0, 0])
                for case, row in zip(cases, cosines):
                    if case["set"] not in ("shared", "train"):
                        continue
                    entry = dumped[case["text"]]
                    bm25 = np.array([entry["scores"].get(i, 0.0) for i in ids])
                    fused = fuse(bm25, row, w, floor)
                    order = sorted(range(len(ids)), key=lambda i: (-fused[i], ids[i]))
                    counts[case["set"]][0] += hit(ids[order[0]], case["labels"])
                    counts[case["set"]][1] += any(hit(ids[i], case["labels"]) for i in order[:3])
                print(f"  grid w {w}: " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in counts.items()))
        fused_rankings = []
        bm25_rankings = []
        for case, row in zip(cases, cosines):
            entry = dumped.get(case["text"])
            bm25 = np.array([entry["scores"].get(i, 0.0) for i in ids]) if entry else np.zeros(len(ids))
            fused = fuse(bm25, row, weight, floor)
            order = sorted(range(len(ids)), key=lambda i: (-fused[i], ids[i]))
            fused_rankings.append([ids[i] for i in order[:3]])
            order = sorted(range(len(ids)), key=lambda i: (-bm25[i], ids[i]))
            bm25_rankings.append([ids[i] for i in order[:3] if bm25[i] > 0])
        report("BM25F alone", cases, bm25_rankings)
        report(f"BM25F + MiniLM full (b)", cases, fused_rankings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
