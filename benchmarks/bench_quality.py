#!/usr/bin/env python3
"""Ranking quality and ablation: what each text step adds, on the labelled dev data and the Swedish corpus.

The dev data is also split into two halves by relevance group (evaluate.split_by_group, fixed seed):
settings are chosen on half A and reported on half B, which they were not chosen on, and on the whole.

The dev data (real Polish job ads, not in this repository) is turned into the CLI's JSONL contract in a
temporary directory by ../shared/dev-data/make_bench.py. Override its location with --dev-data or the
MATCHMAKER_DEV_DATA environment variable. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matchmaker.matching import OfferDoc, Ranker, StudentDoc  # noqa: E402
from matchmaker.matching.evaluate import baseline_run, engine_run, metrics, split_by_group  # noqa: E402
from matchmaker.matching.jsonio import _convert, read_offers, read_qrels, read_students  # noqa: E402

# Each row removes one step from the full engine (or changes one setting).
CONFIGS: list[tuple[str, dict]] = [
    ("engine (all steps)", {}),
    ("- stop words", {"stop_words": False}),
    ("- Snowball stemming", {"stemming": False}),
    ("- synonyms", {"synonyms": False}),
    ("- compound splitting", {"decompound": False}),
    ("- prefix features", {"prefix_len": 0}),
    ("- title from lead words", {"lead_words": 0}),
    ("- corpus stop words (max_df)", {"max_df": 1.0}),
    ("equal field weights", {"title_weight": 1.0, "skill_weight": 1.0, "interest_weight": 1.0}),
    ("title from 8 lead words (before)", {"lead_words": 8}),
]

# Weighting schemes measured and not kept (FieldVectorizer options, dev data only).
TRIED: list[tuple[str, dict]] = [
    ("BM25F weights (k1 1.2, b 0.75), cosine", {"tf": "bm25"}),
    ("BM25F weights + IDF squared", {"tf": "bm25", "idf_power": 2.0}),
    ("IDF squared", {"idf_power": 2.0}),
    ("min_df 2 (drop hapaxes)", {"min_df": 2}),
]


class _Tried(Ranker):
    """A Ranker whose vectorizer gets extra FieldVectorizer options (for the TRIED rows only)."""

    vectorizer_options: dict = {}

    def _make_vectorizer(self):  # noqa: ANN202
        vec = super()._make_vectorizer()
        for key, value in self.vectorizer_options.items():
            setattr(vec, key, value)
        return vec


def dev_data_dir(arg: str | None) -> Path | None:
    """Where make_bench.py lives: --dev-data, $MATCHMAKER_DEV_DATA, or ../shared/dev-data next to the repo."""
    path = Path(arg or os.environ.get("MATCHMAKER_DEV_DATA") or ROOT.parent / "shared" / "dev-data")
    return path if (path / "make_bench.py").exists() else None


def polish(dev: Path, out: Path) -> dict[str, dict[str, float]]:
    """Engine configurations and the baseline on the dev benchmark: whole set, half A and half B."""
    subprocess.run([sys.executable, str(dev / "make_bench.py"), str(out)], check=True, capture_output=True)
    offers, students = read_offers(out / "offers.jsonl"), read_students(out / "students.jsonl")
    qrels = read_qrels(out / "qrels.jsonl")
    sets = {"": (offers, students, qrels)}
    sets["A"], sets["B"] = split_by_group(offers, students, qrels)
    rows: dict[str, dict[str, float]] = {}

    def add(name: str, make) -> None:  # noqa: ANN001
        row: dict[str, float] = {}
        for half, (o, s, q) in sets.items():
            m = make(o, s, q)
            if half:
                row[f"nDCG@10 {half}"] = m["nDCG@10"]
            else:
                row.update(m)
        rows[name] = row

    add("plain TF-IDF baseline", lambda o, s, q: metrics(baseline_run(o, s), q))
    for name, params in CONFIGS:
        add(name, lambda o, s, q, p=params: metrics(engine_run(Ranker(**p).fit(o, s), s), q))
    for name, options in TRIED:
        def tried(o, s, q, opts=options):  # noqa: ANN001, ANN202
            _Tried.vectorizer_options = opts
            return metrics(engine_run(_Tried().fit(o, s), s), q)
        add(name, tried)
    return rows


def swedish() -> dict[str, dict[str, float]]:
    """Success@1 and MRR on the invented Swedish test corpus (tests/matching/data/sv_corpus.json)."""
    raw = json.loads((ROOT / "tests" / "matching" / "data" / "sv_corpus.json").read_text(encoding="utf-8"))
    offers = [_convert(OfferDoc, o, "corpus", 1) for o in raw["offers"]]
    students = [_convert(StudentDoc, s, "corpus", 1) for s in raw["students"]]
    qrels = {c["student"]: {c["expect"]: 1} for c in raw["cases"]}

    def score(run: dict[str, list[str]], margin: float) -> dict[str, float]:
        m = metrics(run, qrels, k=10)
        return {"Success@1": sum(run[s][:1] == [next(iter(q))] for s, q in qrels.items()) / len(qrels),
                "MRR": m["MRR"], "margin": margin}

    def margin(ranker: Ranker | None) -> float:
        # Mean (expected - best other) / expected text score: how clearly the right offer wins.
        if ranker is None:
            return float("nan")
        total = 0.0
        for s in students:
            if s.id in qrels:
                ms = {m.offer_id: m.text for m in ranker.rank_offers(s, k=len(offers), apply_filters=False)}
                want = ms.pop(next(iter(qrels[s.id])), 0.0)
                total += (want - max(ms.values(), default=0.0)) / want if want else -1.0
        return total / len(qrels)

    rows = {"plain TF-IDF baseline": score(baseline_run(offers, students), margin(None))}
    for name, params in CONFIGS:
        ranker = Ranker(**params).fit(offers, students)
        rows[name] = score(engine_run(ranker, students, n_jobs=1), margin(ranker))
    return rows


def table(title: str, rows: dict[str, dict[str, float]]) -> None:
    cols = list(next(iter(rows.values())))
    print(f"\n{title}\n| configuration | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for name, vals in rows.items():
        print(f"| {name} | " + " | ".join(f"{vals[c]:.3f}" for c in cols) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev-data", help="directory holding make_bench.py (default: ../shared/dev-data)")
    args = ap.parse_args()
    table("Swedish test corpus (9 cases)", swedish())
    dev = dev_data_dir(args.dev_data)
    if dev is None:
        print("\nDev data not found (looked in --dev-data, $MATCHMAKER_DEV_DATA and ../shared/dev-data): "
              "skipping the labelled benchmark.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        rows = polish(dev, Path(tmp))
    table("Dev data: real Polish job ads (994 ads, graded by occupation code)", rows)
    base = rows["plain TF-IDF baseline"]["nDCG@10"]
    eng = rows["engine (all steps)"]["nDCG@10"]
    print(f"\nengine vs baseline nDCG@10: {eng:.3f} vs {base:.3f} ({(eng / base - 1) * 100:+.1f} %; target +10 %)")
    for half in ("A", "B"):
        b, e = rows["plain TF-IDF baseline"][f"nDCG@10 {half}"], rows["engine (all steps)"][f"nDCG@10 {half}"]
        print(f"half {half}: {e:.3f} vs {b:.3f} ({(e / b - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
