#!/usr/bin/env python3
"""The path users run: `python -m matchmaker.matching match` against a plain scikit-learn + scipy pipeline.

Both read the same JSONL files (synthetic corpus of bench_matching.py: offers of 150 words with kinds,
places, programs and skills, half of them for named programs only and a tenth not open, so the filters
bite; students of ~110 words, half stating preferred kinds) and write top-10 JSONL;
each runs as its own process, timed from start to exit (reading, fitting, ranking, reasons, writing).
The plain pipeline: TfidfVectorizer(sublinear_tf=True) fitted on the offers, students transformed,
X @ Y.T per 1 000 students densified, argpartition top-10, no filters, boosts or reasons, one core.
Prints wall and CPU seconds, peak memory (largest process of each tree) and the ratio. Asserts nothing.

    python benchmarks/bench_cli.py [--students 20000] [--offers 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PLAIN = r"""
import json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
offers = [json.loads(x) for x in open(sys.argv[1], encoding="utf-8")]
students = [json.loads(x) for x in open(sys.argv[2], encoding="utf-8")]
otext = [f"{o['title']} {' '.join(o['skills'])} {o['description']}" for o in offers]
stext = [f"{' '.join(s['skills'])} {s['interests']} {s['about']}" for s in students]
vec = TfidfVectorizer(sublinear_tf=True)
Y = vec.fit_transform(otext)
X = vec.transform(stext)
YT = Y.T.tocsr()
ids = [o["id"] for o in offers]
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for a in range(0, X.shape[0], 1000):
        S = (X[a:a + 1000] @ YT).toarray()
        part = np.argpartition(-S, 10, axis=1)[:, :10]
        vals = np.take_along_axis(S, part, axis=1)
        order = np.take_along_axis(part, np.argsort(-vals, axis=1, kind="stable"), axis=1)
        for r, row in enumerate(order):
            out.write(json.dumps({"student_id": students[a + r]["id"],
                                  "matches": [{"offer_id": ids[j], "score": round(float(S[r, j]), 6)}
                                              for j in row]}) + "\n")
"""


def write_files(folder: Path, n_students: int, n_offers: int) -> tuple[Path, Path]:
    """The synthetic corpus as the command's JSONL input."""
    from dataclasses import asdict

    from bench_matching import Corpus

    c = Corpus()
    paths = folder / "offers.jsonl", folder / "students.jsonl"
    for path, docs in zip(paths, (c.offers(n_offers), c.students(n_students)), strict=True):
        with path.open("w", encoding="utf-8") as f:
            for d in docs:
                row = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(d).items() if v is not None}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return paths


def timed(cmd: list[str]) -> dict[str, float]:
    """Wall time, CPU time and peak RSS of a command and its descendants (wait4's rusage)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status:
        raise SystemExit(f"{cmd[:4]} failed: {proc.stderr.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=20000)
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        offers, students = write_files(folder, args.students, args.offers)
        print(f"{args.students} students x {args.offers} offers, load average {os.getloadavg()[0]:.1f}")
        for i in range(args.repeat):
            plain = timed([sys.executable, "-c", PLAIN, str(offers), str(students), str(folder / "plain.jsonl")])
            engine = timed([sys.executable, "-m", "matchmaker.matching", "match", "--offers", str(offers),
                            "--students", str(students), "--k", "10", "--out", str(folder / "engine.jsonl")])
            print(f"run {i + 1}: plain {plain['wall']:.1f} s wall, {plain['cpu']:.1f} s CPU, "
                  f"{plain['peak_mb']:.0f} MB | engine (with reasons) {engine['wall']:.1f} s wall, "
                  f"{engine['cpu']:.1f} s CPU, {engine['peak_mb']:.0f} MB | ratio {engine['wall'] / plain['wall']:.2f} "
                  f"wall (target <= 0.50), {engine['cpu'] / plain['cpu']:.2f} CPU; load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
