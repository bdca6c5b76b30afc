#!/usr/bin/env python3
"""Lighthouse accessibility and best-practices scores of the main pages per role, on the demo.

Starts the demo the way `scripts/demo` does (init-db, seed-demo, serve) on a temporary SQLite file, logs in as
each demo account through the login form, and runs npm `lighthouse` (pinned in benchmarks/lighthouse/
package-lock.json, installed here with `npm ci` when missing) against each page with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium), sending the account's session cookie. Lighthouse's default phone emulation
is used. Prints one line per page and whether the target (both scores >= 95) is met; exits 1 when it is not.
Usage:

    .venv/bin/python benchmarks/bench_lighthouse.py            # every main page
    .venv/bin/python benchmarks/bench_lighthouse.py --roles anonymous coach
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
TARGET = 95
PASSWORD = "demo-password"
ACCOUNTS = {"student": "student@example.org", "employer": "employer@example.org", "coach": "coach@example.org",
            "admin": "admin@example.org"}
# The main pages of each role ("{offer}" is the first offer the public search lists).
PAGES = {
    "anonymous": ["/", "/offers", "{offer}", "/login", "/register", "/tillganglighet"],
    "student": ["/student/", "/student/profile", "/student/applications", "/offers"],
    "employer": ["/employer/", "/employer/offers", "/employer/organization"],
    "coach": ["/coach/", "/coach/review", "/coach/contracts", "/coach/placements", "/coach/reports"],
    "admin": ["/admin/", "/admin/users", "/admin/audit"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "matchmaker.cli", *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def wait_healthy(url: str, proc: subprocess.Popen[bytes], deadline_s: float = 60) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("the demo server exited")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # polling a starting server
    raise SystemExit("the demo server did not start")


def session_cookie(url: str, email: str) -> str:
    """Log in through the login form (with its CSRF token); return the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "/login") as response:
        html = response.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    assert token, "no CSRF token on the login page"
    form = urllib.parse.urlencode({"csrf_token": token.group(1) or token.group(2), "email": email,
                                   "password": PASSWORD}).encode()
    with opener.open(url + "/login", data=form) as response:
        assert "/login" not in response.geturl(), f"login failed for {email}"
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def first_offer(url: str) -> str:
    with urllib.request.urlopen(url + "/offers") as response:
        found = re.search(r'href="(/offers/\d+)"', response.read().decode())
    assert found, "the public search lists no offer"
    return found.group(1)


def version(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


def lighthouse(url: str, cookie: str) -> dict[str, float]:
    """Run Lighthouse once; return the category scores (0-100)."""
    args = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
            "--only-categories=accessibility,best-practices", "--throttling-method=provided",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"]
    if cookie:
        args.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    done = subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                          timeout=180)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    failed = [a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1
              and a.get("scoreDisplayMode") == "binary"]
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    scores["failed"] = failed  # type: ignore[assignment]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", nargs="*", default=list(PAGES), choices=list(PAGES))
    opts = parser.parse_args()
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR, check=True)
    workdir = Path(tempfile.mkdtemp(prefix="matchmaker-lighthouse-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")}
    env.update(MATCHMAKER_DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite'}", MATCHMAKER_ENV="development",
               MATCHMAKER_QUEUE="thread")
    cli(env, "init-db")
    cli(env, "seed-demo")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (workdir / "server.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "matchmaker.cli", "serve", "--port", str(port)], env=env,
                                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(url, proc)
            offer = first_offer(url)
            print(f"Lighthouse {version([str(LIGHTHOUSE), '--version'])} with {version([CHROMIUM, '--version'])},"
                  " phone emulation; target: accessibility and best practices >= 95")
            print(f"{'role':<10} {'page':<26} {'access.':>7} {'best pr.':>8}  failed audits")
            worst = 100
            for role in opts.roles:
                cookie = session_cookie(url, ACCOUNTS[role]) if role in ACCOUNTS else ""
                for path in PAGES[role]:
                    path = path.format(offer=offer)
                    scores = lighthouse(url + path, cookie)
                    a11y, best = scores["accessibility"], scores["best-practices"]
                    worst = min(worst, a11y, best)
                    print(f"{role:<10} {path:<26} {a11y:>7} {best:>8}  {', '.join(scores['failed']) or '-'}",
                          flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"lowest score: {worst} (target {TARGET}): {'met' if worst >= TARGET else 'NOT met'}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
