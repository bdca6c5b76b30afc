#!/usr/bin/env python3
"""Karriärsök throughput with one and with several waitress processes (`matchmaker serve`), over real HTTP.

Fills a SQLite file with invented offers and students (bench_karriarsok.generate), starts P processes of
`python -m matchmaker.cli serve --port ...` sharing one saved index (MATCHMAKER_INDEX_PATH: the first process
refits and saves, the others load the file), waits until each answers, then lets C client threads search
(`/offers?q=<word>`, round robin over the processes) for D seconds. Prints requests per second, p50/p95
latency and each server's start-up time (until its first answer, index included), for every P given.
Asserts nothing; the machine's load is printed with each figure.

    python benchmarks/bench_waitress.py [--offers 10000] [--processes 1 2] [--clients 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

WORDS = ("python", "sjuksköterska", "skog", "exjobb", "praktik", "data", "ekonomi", "lärare", "vård", "gis")


def start(port: int, env: dict[str, str]) -> tuple[subprocess.Popen, float]:
    """One `matchmaker serve` process; returns it and the seconds until it answered a search."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "matchmaker.cli", "serve", "--port", str(port), "--threads", "8"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while time.perf_counter() - t0 < 300 and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/offers?q=python", timeout=60) as r:
                if r.status == 200:
                    return proc, time.perf_counter() - t0
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server on port {port} did not answer")


def load(ports: list[int], clients: int, seconds: float) -> tuple[int, list[float]]:
    """Requests completed and their latencies, from `clients` threads for `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        rng = random.Random(i)
        n = i
        while time.perf_counter() < stop:
            port = ports[n % len(ports)]
            n += 1
            q = urllib.request.quote(rng.choice(WORDS))
            t = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/offers?q={q}", timeout=60) as r:
                r.read()
            with lock:
                latencies.append(time.perf_counter() - t)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies


def _pct(values: list[float], q: float) -> float:
    """The q-quantile of latencies in ms (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--port", type=int, default=18700)
    args = ap.parse_args()
    from bench_karriarsok import generate

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        generate(url, args.offers, args.students)
        base = {**os.environ, "MATCHMAKER_DATABASE_URL": url, "MATCHMAKER_ENV": "development",
                "MATCHMAKER_QUEUE": "sync", "MATCHMAKER_INDEX_PATH": str(Path(tmp) / "index.npz"),
                "MATCHMAKER_PUBLIC_URL": "http://127.0.0.1"}
        print(f"{args.offers} offers, {args.clients} client threads, {args.seconds:.0f} s per run", flush=True)
        for p in args.processes:
            procs, starts = [], []
            try:
                for i in range(p):  # the first refits and saves; the others load its file
                    env = {**base, "MATCHMAKER_INDEX_REFITTER": "1" if i == 0 else "0"}
                    proc, took = start(args.port + i, env)
                    procs.append(proc)
                    starts.append(took)
                n, lat = load([args.port + i for i in range(p)], args.clients, args.seconds)
            finally:
                for proc in procs:
                    proc.terminate()
                    proc.wait(10)
            print(f"{p} process(es): {n / args.seconds:.1f} requests/s, p50 {_pct(lat, 0.5):.0f} ms, "
                  f"p95 {_pct(lat, 0.95):.0f} ms; "
                  f"start-up until the first answer {', '.join(f'{s:.1f}' for s in starts)} s; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
