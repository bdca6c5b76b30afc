#!/usr/bin/env python3
"""Speed benchmark of the matching engine on synthetic corpora: wall time and peak memory per scenario.

Each scenario runs in its own child process so that peak memory (ru_maxrss) belongs to it alone.
Prints figures; asserts nothing. Usage:

    python benchmarks/bench_matching.py                 # 20k x 10k batch (+ baseline), 50k single-student
    python benchmarks/bench_matching.py --large         # also 100k students x 50k offers
    python benchmarks/bench_matching.py --repeat 3      # batch comparison three times, median ratio
    python benchmarks/bench_matching.py --scenario batch --students 2000 --offers 1000   # quick look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matchmaker.matching import OfferDoc, Ranker, StudentDoc  # noqa: E402

KINDS = ("degree_project", "internship", "summer_internship", "trainee", "mentoring", "job")
MUNIS = [("Umeå", "Västerbotten"), ("Skellefteå", "Västerbotten"), ("Lycksele", "Västerbotten"),
         ("Vilhelmina", "Västerbotten"), ("Luleå", "Norrbotten"), ("Kiruna", "Norrbotten"),
         ("Piteå", "Norrbotten"), ("Jokkmokk", "Norrbotten"), ("Östersund", "Jämtland"),
         ("Åre", "Jämtland"), ("Strömsund", "Jämtland"), ("Sundsvall", "Västernorrland"),
         ("Örnsköldsvik", "Västernorrland"), ("Sollefteå", "Västernorrland"), ("Härnösand", "Västernorrland")]
SPARSE = {"Lycksele", "Vilhelmina", "Jokkmokk", "Strömsund", "Sollefteå", "Åre"}
PROGRAMS = [f"program-{i}" for i in range(20)]
STOP = ("och i att det som en på är av för med till den har de inte om ett vi du kan vara the and of to in "
        "is for with on at").split()


class Corpus:
    """Zipf-distributed pseudo-words grouped into topics, with Swedish stop words mixed in."""

    def __init__(self, seed: int = 7, vocab: int = 30000, topics: int = 300) -> None:
        rng = np.random.default_rng(seed)
        syl = ["ka", "lo", "mi", "ne", "su", "tra", "vik", "ström", "berg", "ål", "ny", "pe", "rö", "gå",
               "dal", "sko", "te", "ar", "in", "ut", "fjäll", "myr", "bo", "ling", "ning", "are", "het"]
        words: set[str] = set()
        while len(words) < vocab:
            words.add("".join(rng.choice(syl, size=rng.integers(2, 5))))
        self.words = np.array(sorted(words))
        rng.shuffle(self.words)
        p = 1.0 / np.arange(1, vocab + 1) ** 1.05
        self.p = p / p.sum()
        self.topics = [rng.choice(vocab, size=200, replace=False, p=self.p) for _ in range(topics)]
        sp = 1.0 / np.arange(1, len(STOP) + 1)
        self.stop_p = sp / sp.sum()
        self.rng = rng

    def text(self, topic: int, n: int) -> str:
        """n words: about 35 % stop words, 35 % topic words, 30 % general vocabulary."""
        rng = self.rng
        kind = rng.random(n)
        out = np.empty(n, dtype=object)
        s, t = kind < 0.35, (kind >= 0.35) & (kind < 0.70)
        g = ~(s | t)
        out[s] = rng.choice(STOP, size=s.sum(), p=self.stop_p)
        out[t] = self.words[rng.choice(self.topics[topic], size=t.sum())]
        out[g] = self.words[rng.choice(len(self.words), size=g.sum(), p=self.p)]
        return " ".join(out)

    def offers(self, n: int, words: int = 150) -> list[OfferDoc]:
        """Synthetic offers with preferences and requirements."""
        rng, out = self.rng, []
        for i in range(n):
            topic = int(rng.integers(len(self.topics)))
            muni, county = MUNIS[rng.integers(len(MUNIS))]
            # Filters bite: half the offers are for named programs only, a tenth are not open (draft, full).
            progs = tuple(rng.choice(PROGRAMS, size=rng.integers(1, 3), replace=False)) if rng.random() < .5 else ()
            state = rng.random()
            out.append(OfferDoc(status="draft" if state < 0.05 else "published",
                places_left=0 if 0.05 <= state < 0.10 else None,
                id=f"o{i:06d}", title=self.text(topic, 4), description=self.text(topic, words),
                kind=KINDS[rng.integers(len(KINDS))], skills=tuple(self.words[self.topics[topic][:4]]),
                programs=progs, municipality=muni, county=county, sparse=muni in SPARSE,
                remote=bool(rng.random() < 0.1), has_contract=bool(rng.random() < 0.2)))
        return out

    def students(self, n: int, words: int = 100) -> list[StudentDoc]:
        """Synthetic students; half state wanted kinds, all state home municipalities."""
        rng, out = self.rng, []
        for i in range(n):
            topic = int(rng.integers(len(self.topics)))
            homes = [MUNIS[j] for j in rng.choice(len(MUNIS), size=rng.integers(1, 3), replace=False)]
            kinds = tuple(rng.choice(KINDS, size=2, replace=False)) if rng.random() < 0.5 else ()
            out.append(StudentDoc(
                id=f"s{i:06d}", about=self.text(topic, words), interests=self.text(topic, 10),
                skills=tuple(self.words[self.topics[topic][1:4]]), program=PROGRAMS[rng.integers(len(PROGRAMS))],
                kinds=kinds, municipalities=tuple(m for m, _ in homes), counties=tuple({c for _, c in homes}),
                relocate=bool(rng.random() < 0.3), remote_ok=bool(rng.random() < 0.5),
                prefers_sparse=bool(rng.random() < 0.2)))
        return out


def peak_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_mb() -> float:
    """Largest peak resident memory among finished child processes (batch workers), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and its finished children: immune to other load."""
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def run_baseline(n_students: int, n_offers: int) -> dict:
    """Plain scikit-learn + scipy: TfidfVectorizer, chunked X @ Y.T densified, argpartition top-10."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    c = Corpus()
    offers, students = c.offers(n_offers), c.students(n_students)
    otext = [f"{o.title} {' '.join(o.skills)} {o.description}" for o in offers]
    stext = [f"{' '.join(s.skills)} {s.interests} {s.about}" for s in students]
    t0, c0 = time.perf_counter(), cpu_s()
    vec = TfidfVectorizer(sublinear_tf=True).fit(otext)
    Y = vec.transform(otext)
    fit_s, fit_cpu = time.perf_counter() - t0, cpu_s() - c0
    t0, c0 = time.perf_counter(), cpu_s()
    X = vec.transform(stext)
    YT = Y.T.tocsr()
    top = []
    for a in range(0, X.shape[0], 1000):
        S = (X[a:a + 1000] @ YT).toarray()
        part = np.argpartition(-S, 10, axis=1)[:, :10]
        vals = np.take_along_axis(S, part, axis=1)
        top.append(np.take_along_axis(part, np.argsort(-vals, axis=1, kind="stable"), axis=1))
    batch_s, batch_cpu = time.perf_counter() - t0, cpu_s() - c0
    return {"scenario": "baseline", "students": n_students, "offers": n_offers, "fit_s": fit_s, "fit_cpu_s": fit_cpu,
            "batch_s": batch_s, "batch_cpu_s": batch_cpu, "peak_mb": peak_mb()}


def run_batch(n_students: int, n_offers: int, n_jobs: int) -> dict:
    """Engine: fit on offers, then top-10 with reasons for every student."""
    c = Corpus()
    offers, students = c.offers(n_offers), c.students(n_students)
    t0, c0 = time.perf_counter(), cpu_s()
    ranker = Ranker().fit(offers)
    fit_s, fit_cpu = time.perf_counter() - t0, cpu_s() - c0
    t0, c0 = time.perf_counter(), cpu_s()
    n_pairs = n_reasons = 0
    for _sid, matches in ranker.top_k_all(students, k=10, n_jobs=n_jobs, with_reasons=True):
        n_pairs += len(matches)
        n_reasons += sum(len(m.reasons) for m in matches)
    batch_s, batch_cpu = time.perf_counter() - t0, cpu_s() - c0
    return {"scenario": "engine batch", "students": n_students, "offers": n_offers, "fit_s": fit_s,
            "fit_cpu_s": fit_cpu,
            "batch_s": batch_s, "batch_cpu_s": batch_cpu, "pairs": n_pairs, "reasons": n_reasons,
            "peak_mb": peak_mb(), "worker_peak_mb": worker_peak_mb(),
            "nnz_per_offer": ranker.offer_matrix_.nnz / max(1, len(offers))}


def run_single(n_offers: int, n_queries: int) -> dict:
    """Engine: one student at a time against all offers; p50 and p99 latency."""
    c = Corpus()
    offers, students = c.offers(n_offers), c.students(n_queries)
    t0 = time.perf_counter()
    ranker = Ranker().fit(offers)
    fit_s = time.perf_counter() - t0
    for s in students[:20]:  # warm caches (stems, code book) like a running server
        ranker.rank_offers(s, k=10)
    lat, cpu = [], []
    for s in students:
        t, c = time.perf_counter(), time.process_time()
        ranker.rank_offers(s, k=10)
        lat.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t = time.perf_counter()
    ranker.upsert_offers([offers[0]])
    upsert_s = time.perf_counter() - t
    ms, cms = np.array(lat) * 1000, np.array(cpu) * 1000
    return {"scenario": "engine single", "offers": n_offers, "queries": n_queries, "fit_s": fit_s,
            "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99)),
            "cpu_p50_ms": float(np.percentile(cms, 50)), "cpu_p99_ms": float(np.percentile(cms, 99)),
            "upsert_one_s": upsert_s, "peak_mb": peak_mb()}


def child(args: argparse.Namespace) -> None:
    if args.scenario == "baseline":
        out = run_baseline(args.students, args.offers)
    elif args.scenario == "batch":
        out = run_batch(args.students, args.offers, args.n_jobs)
    else:
        out = run_single(args.offers, args.queries)
    print(json.dumps(out))


def spawn(*extra: str) -> dict:
    """Run one scenario in a fresh interpreter and return its JSON figures."""
    res = subprocess.run([sys.executable, __file__, "--child", *extra], capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"scenario {extra} failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def show(r: dict) -> None:
    print("  " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()),
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--scenario", choices=["baseline", "batch", "single", "all"], default="all")
    ap.add_argument("--students", type=int, default=20000)
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--n-jobs", type=int, default=2)
    ap.add_argument("--large", action="store_true", help="also run 100k students x 50k offers")
    ap.add_argument("--repeat", type=int, default=1, help="run the batch comparison this many times")
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if args.scenario != "all":
        show(spawn("--scenario", args.scenario, "--students", str(args.students), "--offers", str(args.offers),
                   "--queries", str(args.queries), "--n-jobs", str(args.n_jobs)))
        return
    print(f"Batch top-10: {args.students} students x {args.offers} offers", flush=True)
    ratios, cpu_ratios = [], []
    for _ in range(args.repeat):
        # Baseline and engine alternate, so a burst of load from other processes hits both alike.
        base = spawn("--scenario", "baseline", "--students", str(args.students), "--offers", str(args.offers))
        show(base)
        eng = spawn("--scenario", "batch", "--students", str(args.students), "--offers", str(args.offers),
                    "--n-jobs", str(args.n_jobs))
        show(eng)
        # The whole pipeline once the data is in memory: fit (vocabulary, IDF, offer rows) and the batch.
        ratios.append((eng["fit_s"] + eng["batch_s"]) / (base["fit_s"] + base["batch_s"]))
        cpu_ratios.append((eng["fit_cpu_s"] + eng["batch_cpu_s"]) / (base["fit_cpu_s"] + base["batch_cpu_s"]))
        total_mb = eng["peak_mb"] + args.n_jobs * eng["worker_peak_mb"]
        print(f"  engine / baseline wall time, fit + batch: {ratios[-1]:.2f} (target <= 0.50); CPU time ratio "
              f"{cpu_ratios[-1]:.2f}; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
              flush=True)
        print(f"  engine peak memory: main {eng['peak_mb']:.0f} MB, largest worker {eng['worker_peak_mb']:.0f} MB "
              f"(shares pages with main), upper bound main + {args.n_jobs} workers = {total_mb:.0f} MB "
              "(target <= 2048)", flush=True)
    if args.repeat > 1:
        print(f"  wall time ratios {', '.join(f'{r:.2f}' for r in ratios)}: median {np.median(ratios):.2f}; "
              f"CPU time ratios median {np.median(cpu_ratios):.2f}", flush=True)
    print("Single student against 50000 offers:", flush=True)
    single = spawn("--scenario", "single", "--offers", "50000", "--queries", str(args.queries))
    show(single)
    print(f"  p99 {single['p99_ms']:.1f} ms wall, {single['cpu_p99_ms']:.1f} ms CPU (target <= 20); load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    if args.large:
        print("Batch top-10: 100000 students x 50000 offers", flush=True)
        big = spawn("--scenario", "batch", "--students", "100000", "--offers", "50000",
                    "--n-jobs", str(args.n_jobs))
        show(big)
        total = big["fit_s"] + big["batch_s"]
        mb = big["peak_mb"] + args.n_jobs * big["worker_peak_mb"]
        print(f"  fit + batch {total:.0f} s (target <= 300), peak main {big['peak_mb']:.0f} MB, upper bound "
              f"with workers {mb:.0f} MB (target <= 6144); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
