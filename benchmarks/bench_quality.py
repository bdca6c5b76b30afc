#!/usr/bin/env python3
"""The development battery: the engine against plain TF-IDF on every labelled set at once.

Sets (built from ../shared/dev-data with its make_bench*.py scripts into --bench-dir, outside the project,
never committed): Polish job ads, the five MELO occupation-linking sets (da, no, de, nl, en), English
resumes, plus two sets that live in the repository: the demo query set (Karriärsök queries judged against
seeds/offers.yaml, tests/matching/data/demo_queries.yaml) and the Swedish test corpus.

Per set: nDCG@10 and MRR (@100 for MELO, as published; @10 elsewhere) of the engine (Ranker(), fitted on
the offers only, as `matchmaker match` does) and of the plain baseline (TfidfVectorizer(sublinear_tf=True)
fitted on the offers, cosine); for MELO the published MRR table beside them; for sets with 200+ queries
the same figures on two fixed held-out halves of the queries (Polish: whole occupation groups per half,
evaluate.split_by_group), so a change that helps only one half shows. A summary line counts the sets
where the engine beats plain on both measures. Prints tables; asserts nothing.

    python benchmarks/bench_quality.py [--bench-dir /work/benchdata] [--sets melo-da,resumes-en]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matchmaker.matching import OfferDoc, Ranker, StudentDoc  # noqa: E402
from matchmaker.matching.evaluate import baseline_run, engine_run, metrics, split_by_group  # noqa: E402
from matchmaker.matching.jsonio import _convert, read_offers, read_qrels, read_students  # noqa: E402
from tests.matching.demo_corpus import demo_offers, demo_queries  # noqa: E402

MELO = {"melo-da": "dnk_q_da_c_da", "melo-no": "nor_q_no_c_no", "melo-de": "deu_q_de_c_de",
        "melo-nl": "nld_q_nl_c_nl", "melo-en": "usa_q_en_c_en"}
# Published MRR of the MELO paper's systems (shared/dev-data/melo/README.md).
PUBLISHED = {  # set: (word TF-IDF, char TF-IDF, BM25, E5, OpenAI)
    "melo-da": (0.5187, 0.5809, 0.4987, 0.6178, 0.6173),
    "melo-no": (0.0453, 0.2876, 0.0316, 0.2899, 0.2946),
    "melo-de": (0.4763, 0.5442, 0.3377, 0.6639, 0.6778),
    "melo-nl": (0.4714, 0.4862, 0.4433, 0.5650, 0.5723),
    "melo-en": (0.3250, 0.5800, 0.2936, 0.6735, 0.6842),
}
SETS = ["job-ads-pl", *MELO, "resumes-en", "demo-queries", "sv-corpus"]
HALF_MIN = 200  # queries needed before a set is also reported on held-out halves


def dev_data_dir(arg: str | None) -> Path:
    """Where make_bench.py lives: --dev-data, $MATCHMAKER_DEV_DATA, or ../shared/dev-data next to the repo."""
    return Path(arg or os.environ.get("MATCHMAKER_DEV_DATA") or ROOT.parent.parent / "shared" / "dev-data")


def build(dev: Path, bench: Path, name: str) -> Path | None:
    """The folder of a built set, building it with the dev data's scripts when it is missing."""
    out = bench / (f"melo/{MELO[name]}" if name in MELO else name)
    if (out / "qrels.jsonl").exists():
        return out
    if not (dev / "make_bench.py").exists():
        return None
    script = ["make_bench.py"] if name == "job-ads-pl" else ["make_bench_more.py", name]
    subprocess.run([sys.executable, str(dev / script[0]), *script[1:], str(out)], check=True, capture_output=True)
    return out


def query_halves(students: list, qrels: dict, seed: int = 20261201) -> list[tuple[str, list, dict]]:
    """Two fixed halves of the queries (all offers kept): settings must help both."""
    ids = sorted(s.id for s in students)
    random.Random(seed).shuffle(ids)
    a = set(ids[:len(ids) // 2])
    return [(h, [s for s in students if (s.id in a) == (h == "A")],
             {q: j for q, j in qrels.items() if (q in a) == (h == "A")}) for h in ("A", "B")]


PARAMS: dict = {}  # --params: Ranker parameters to try (rows of "measured and not kept" in docs/matching.md)


def score(offers: list, students: list, qrels: dict, mrr_k: int) -> dict[str, float]:
    """Engine and plain nDCG@10 and MRR@mrr_k on one set (engine fitted on offers only)."""
    ranker = Ranker(**PARAMS).fit(offers)
    eng = engine_run(ranker, students, k=mrr_k)
    base = baseline_run(offers, students, k=mrr_k)
    out = {}
    for who, run in (("engine", eng), ("plain", base)):
        out[f"{who} nDCG@10"] = metrics(run, qrels, 10)["nDCG@10"]
        out[f"{who} MRR"] = metrics(run, qrels, mrr_k)["MRR"]
    return out


def file_set(path: Path, name: str) -> dict:
    """Whole-set figures and, for large sets, the two held-out halves."""
    offers, students = read_offers(path / "offers.jsonl"), read_students(path / "students.jsonl")
    qrels = read_qrels(path / "qrels.jsonl")
    mrr_k = 100 if name in MELO else 10
    row = {"queries": len(students), "offers": len(offers), **score(offers, students, qrels, mrr_k)}
    if name == "job-ads-pl":
        for h, (o, s, q) in zip("AB", split_by_group(offers, students, qrels), strict=True):
            row[h] = score(o, s, q, mrr_k)
    elif len(students) >= HALF_MIN:
        for h, s, q in query_halves(students, qrels):
            row[h] = score(offers, s, q, mrr_k)
    return row


def demo_set() -> dict:
    """Karriärsök queries on the demo offers, ranked the way the search does (query only, no filters)."""
    offers = demo_offers()
    queries = demo_queries()
    ranker = Ranker(**PARAMS).fit(offers)
    qrels = {q["id"]: q["relevant"] for q in queries}
    eng = {q["id"]: [m.offer_id for m in ranker.rank_offers(None, query=q["query"], k=10, apply_filters=False)]
           for q in queries}
    base = baseline_run(offers, [StudentDoc(id=q["id"], about=q["query"]) for q in queries], k=10)
    row = {"queries": len(queries), "offers": len(offers)}
    for who, run in (("engine", eng), ("plain", base)):
        m = metrics(run, qrels, 10)
        row[f"{who} nDCG@10"], row[f"{who} MRR"] = m["nDCG@10"], m["MRR"]
    return row


def corpus_set() -> dict:
    """The invented Swedish test corpus (tests/matching/data/sv_corpus.json): one expected offer per case."""
    raw = json.loads((ROOT / "tests" / "matching" / "data" / "sv_corpus.json").read_text(encoding="utf-8"))
    offers = [_convert(OfferDoc, o, "corpus", 1) for o in raw["offers"]]
    students = [_convert(StudentDoc, s, "corpus", 1) for s in raw["students"]]
    qrels = {c["student"]: {c["expect"]: 1} for c in raw["cases"]}
    asked = [s for s in students if s.id in qrels]
    return {"queries": len(asked), "offers": len(offers), **score(offers, asked, qrels, 10)}


def fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def report(rows: dict[str, dict]) -> None:
    """The battery table, the halves, the MELO comparison and the summary line."""
    print("\n| set | queries | offers | plain nDCG@10 | engine nDCG@10 | plain MRR | engine MRR | engine beats plain |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    wins = 0
    for name, r in rows.items():
        win = r["engine nDCG@10"] > r["plain nDCG@10"] and r["engine MRR"] > r["plain MRR"]
        wins += win
        print(f"| {name} | {r['queries']} | {r['offers']} | {fmt(r['plain nDCG@10'])} | {fmt(r['engine nDCG@10'])} "
              f"| {fmt(r['plain MRR'])} | {fmt(r['engine MRR'])} | {'yes' if win else 'NO'} |")
    halves = {n: r for n, r in rows.items() if "A" in r}
    if halves:
        print("\nHeld-out halves (engine - plain):\n| set | half | ΔnDCG@10 | ΔMRR |\n|---|---|---:|---:|")
        for name, r in halves.items():
            for h in ("A", "B"):
                d = r[h]
                print(f"| {name} | {h} | {d['engine nDCG@10'] - d['plain nDCG@10']:+.3f} "
                      f"| {d['engine MRR'] - d['plain MRR']:+.3f} |")
    melo = {n: r for n, r in rows.items() if n in PUBLISHED}
    above_char = 0
    if melo:
        print("\nMELO, MRR@100 beside the published systems:\n| set | plain | engine | word TF-IDF | char TF-IDF "
              "| BM25 | E5 | OpenAI |\n|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, r in melo.items():
            p = PUBLISHED[name]
            above_char += r["engine MRR"] >= p[1]
            print(f"| {name} | {fmt(r['plain MRR'])} | {fmt(r['engine MRR'])} | " + " | ".join(map(fmt, p)) + " |")
    print(f"\nSummary: engine beats plain TF-IDF (nDCG@10 and MRR) on {wins} of {len(rows)} sets"
          + (f"; at or above published char TF-IDF MRR on {above_char} of {len(melo)} MELO sets" if melo else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev-data", help="folder holding make_bench.py (default: ../shared/dev-data)")
    ap.add_argument("--bench-dir", default=os.environ.get("MATCHMAKER_BENCH_DIR", "/tmp/matchmaker-benchdata"),
                    help="where built sets are kept (outside the project; built when missing)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated subset of: " + ", ".join(SETS))
    ap.add_argument("--params", default="{}", help='Ranker parameters as JSON, e.g. \'{"char_weight": 0.3}\'')
    args = ap.parse_args()
    PARAMS.update(json.loads(args.params))
    dev, bench = dev_data_dir(args.dev_data), Path(args.bench_dir)
    rows: dict[str, dict] = {}
    for name in args.sets.split(","):
        t0 = time.perf_counter()
        if name == "demo-queries":
            rows[name] = demo_set()
        elif name == "sv-corpus":
            rows[name] = corpus_set()
        else:
            path = build(dev, bench, name)
            if path is None:
                print(f"{name}: dev data not found in {dev}; skipped", file=sys.stderr)
                continue
            rows[name] = file_set(path, name)
        print(f"{name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    report(rows)


if __name__ == "__main__":
    main()
