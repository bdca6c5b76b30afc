"""Load and fault run against the real production server (`matchmaker serve`, waitress) on its own database.

Simulated users (stdlib http.client, one thread each, each from its own loopback address 127.0.0.x so the
per-address login throttle sees distinct clients) search, view and apply (students) or post offers and review
applicants (employers) for a fixed time. On PostgreSQL the database is stopped for a few seconds in the middle
(`pg_ctlcluster ... stop` / `start`, ALWAYS restarted in a finally block, also on Ctrl+C). Afterwards every write
the server acknowledged (a redirect after a POST) is looked up in the database. Then a batch matching run is
killed half-way (SIGKILL of the worker process) and the previous run's results must stay intact and visible.

    .venv/bin/python benchmarks/load_faults.py                       # full: 50 users, 60 s, 10 s outage
    .venv/bin/python benchmarks/load_faults.py --users 10 --duration 15 --outage 4
    .venv/bin/python benchmarks/load_faults.py --sqlite              # no outage possible; load + kill only

CAUTION: the outage stops the PostgreSQL cluster that --pg-url names (the local cluster on its port; the script
refuses when the host is not local or not exactly one cluster listens there), which every other user of it
notices. Any 503 outside the outage counts as a failure.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-passphrase"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WORDS = ["data", "python", "ekonomi", "vård", "skog", "energi", "logistik", "design", "java", "analys", "hållbar"]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
OFFER_LINK = re.compile(r'href="/offers/(\d+)"')
OWN_OFFER = re.compile(r'href="/employer/offers/(\d+)"')


# -- configuration and results ---------------------------------------------------------------------------------


@dataclass
class Config:
    """What to run."""

    users: int = 50
    duration: float = 60.0
    outage: float = 10.0  # seconds PostgreSQL is stopped; 0 = no outage
    outage_at: float = 0.35  # fraction of the duration at which the outage starts
    sqlite: bool = False
    pg_url: str = DEFAULT_PG
    db_name: str = "matchmaker_load"
    kill_run: bool = True
    extra_students: int = 3000  # so a matching run takes long enough to be killed half-way
    threads: int = 8
    keep: bool = False
    quiet: bool = False


@dataclass
class Result:
    """Figures of one run."""

    backend: str = ""
    users: int = 0
    duration: float = 0.0
    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    server_errors: int = 0  # 5xx other than 503
    unavailable: int = 0  # 503 answers (the clean "temporarily unavailable" page)
    unavailable_outside_outage: int = 0  # 503s while the database was up (e.g. SQLite "database is locked")
    transport_errors: int = 0  # no HTTP answer at all
    acked_writes: int = 0
    acked_found: int = 0
    acked_missing: list[str] = field(default_factory=list)
    outage_seconds: float = 0.0
    first_503_after_stop: float | None = None
    recovery_seconds: float | None = None  # from PostgreSQL being back until the first good DB-backed answer
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    kill: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The targets: no server error, no 503 outside the outage, nothing acknowledged lost, recovery by itself,
        killed run harmless."""
        recovered = self.outage_seconds == 0 or self.recovery_seconds is not None
        killed_ok = not self.kill or bool(self.kill.get("previous_intact") and self.kill.get("previous_visible"))
        return (self.server_errors == 0 and self.transport_errors == 0 and not self.acked_missing and recovered
                and killed_ok and self.requests > 0 and self.unavailable_outside_outage == 0)

    def lines(self) -> list[str]:
        """The figures, printable."""
        out = [
            f"backend              {self.backend}",
            f"users x seconds      {self.users} x {self.duration:.0f}",
            f"requests             {self.requests}  ({self.requests / max(self.duration, 1):.1f}/s)",
            f"latency p50 / p95    {self.p50_ms:.0f} ms / {self.p95_ms:.0f} ms",
            f"statuses             {dict(sorted(self.by_status.items()))}",
            f"server errors (5xx)  {self.server_errors}  (503 not counted)",
            f"503 answers          {self.unavailable} ({self.unavailable_outside_outage} while the database was up)",
            f"transport errors     {self.transport_errors}",
            f"acknowledged writes  {self.acked_writes}: found {self.acked_found}, missing {len(self.acked_missing)}",
            f"database outage      {self.outage_seconds:.1f} s",
        ]
        if self.outage_seconds:
            first = "-" if self.first_503_after_stop is None else f"{self.first_503_after_stop:.2f} s"
            rec = "NOT RECOVERED" if self.recovery_seconds is None else f"{self.recovery_seconds:.2f} s"
            out += [f"first 503 after stop {first}", f"recovery time        {rec} (database back -> first good answer)"]
        if self.kill:
            out.append("killed matching run  " + ", ".join(f"{k}={v}" for k, v in self.kill.items()))
        out += [f"note                 {n}" for n in self.notes]
        out.append(f"TARGETS MET          {'yes' if self.ok else 'NO'}")
        return out


# -- PostgreSQL control ----------------------------------------------------------------------------------------


class WrongCluster(RuntimeError):
    """The URL does not name exactly one PostgreSQL cluster on this machine: the script refuses to stop anything."""


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}
TARGET: dict[str, tuple[str, str]] = {}  # "cluster": (version, name) of the cluster the URL names


def cluster_for(url: str) -> tuple[str, str]:
    """The (version, name) of the local cluster listening on the URL's port; WrongCluster unless exactly one."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if (parsed.host or "") not in LOCAL_HOSTS:
        raise WrongCluster(f"{parsed.host} is not this machine: the outage can only stop a local cluster")
    port = parsed.port or 5432
    listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, timeout=30)
    if listing.returncode != 0:
        raise WrongCluster("pg_lsclusters failed: cannot tell which cluster the URL names")
    found = [(cols[0], cols[1]) for cols in (line.split() for line in listing.stdout.splitlines())
             if len(cols) >= 3 and cols[2] == str(port)]
    if len(found) != 1:
        raise WrongCluster(f"{len(found)} local clusters listen on port {port}; need exactly one to stop")
    return found[0]


def _cluster() -> tuple[str, str]:
    # Only ever the cluster chosen from --pg-url (run() sets it before any stop), never "the newest one".
    if "cluster" not in TARGET:
        raise WrongCluster("no cluster was chosen from --pg-url")
    return TARGET["cluster"]


def pg_ctl(action: str) -> None:
    """Stop or start the PostgreSQL cluster the URL names (Debian's pg_ctlcluster)."""
    version, name = _cluster()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action], check=True,
                   capture_output=True, timeout=60)


def pg_is_up() -> bool:
    """True when the cluster answers."""
    version, name = _cluster()
    result = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "status"],
                            capture_output=True, timeout=30)
    return result.returncode == 0


def ensure_pg_running() -> None:
    """Start PostgreSQL if it is down (called in every exit path)."""
    with contextlib.suppress(Exception):
        if not pg_is_up():
            pg_ctl("start")


def _pg_admin(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


def create_pg_database(url: str, name: str) -> str:
    """A fresh database for the run (dropped first if it exists); returns its SQLAlchemy URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(_pg_admin(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str, name: str) -> None:
    """Drop the run's database."""
    import psycopg

    with psycopg.connect(_pg_admin(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- preparing data --------------------------------------------------------------------------------------------


def _cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "matchmaker.cli", *args], env=env, check=True, capture_output=True,
                   timeout=600, cwd=ROOT)


@dataclass
class People:
    """Who takes part: (email, role) pairs, plus the coach."""

    students: list[str]
    employers: list[str]
    coach: str


def prepare(url: str, cfg: Config) -> People:
    """Schema, demo catalogue and offers, load-test accounts, and many extra students for the matching run."""
    env = {**os.environ, "MATCHMAKER_DATABASE_URL": url, "MATCHMAKER_ENV": "development", "MATCHMAKER_QUEUE": "sync"}
    _cli(env, "init-db")
    _cli(env, "seed-demo")
    from sqlalchemy import insert, select

    from matchmaker.core.passwords import hash_password, use_fast_hashing
    from matchmaker.core.validation import org_number_with_check_digit
    from matchmaker.models import Role, StudentProfile, StudyProgram, User
    from matchmaker.models.database import make_engine, make_session_factory
    from matchmaker.services.accounts import users as accounts

    use_fast_hashing()  # the server verifies any argon2id hash; cheap ones keep the set-up quick
    n_students = max(1, round(cfg.users * 0.6))
    n_employers = max(1, cfg.users - n_students)
    engine = make_engine(url)
    people = People([], [], "load-coach@example.org")
    with make_session_factory(engine)() as session:
        program = session.scalar(select(StudyProgram.slug).limit(1)) or ""
        for i in range(n_students):
            email = f"load-student-{i}@example.org"
            accounts.register_student(session, email=email, password=PASSWORD, name=f"Load Student {i}",
                                      program_slug=program)
            people.students.append(email)
        for i in range(n_employers):
            email = f"load-employer-{i}@example.org"
            user = accounts.register_employer(
                session, email=email, password=PASSWORD, name=f"Load Employer {i}",
                org=accounts.OrganizationInput(name=f"Lastbolaget {i} AB",
                                               org_number=org_number_with_check_digit(f"55990{i:04d}"),
                                               sector="company"))
            assert user.organization is not None
            user.organization.verified = True
            people.employers.append(email)
        accounts.create_user(session, email=people.coach, password=PASSWORD, role=Role.COACH, display_name="Coach")
        session.commit()
        if cfg.kill_run and cfg.extra_students:
            # Many students (inserted directly: no login needed) so the batch run has chunks to be killed in.
            dummy = hash_password("not-used-for-login")
            rows = [{"email": f"bulk-{i}@example.org", "password_hash": dummy, "role": Role.STUDENT.value,
                     "active": True, "locale": "sv", "display_name": f"Bulk {i}", "session_version": 1}
                    for i in range(cfg.extra_students)]
            session.execute(insert(User), rows)
            ids = session.scalars(select(User.id).where(User.email.like("bulk-%"))).all()
            topics = [" ".join(random.sample(WORDS, 4)) for _ in range(50)]
            session.execute(insert(StudentProfile), [
                {"user_id": uid, "name": f"Bulk {n}", "about": topics[n % 50], "skills": random.sample(WORDS, 3),
                 "interests": topics[(n * 7) % 50]} for n, uid in enumerate(ids)])
            session.commit()
    engine.dispose()
    return people


# -- the server ------------------------------------------------------------------------------------------------


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, threads: int, log: Path) -> subprocess.Popen[bytes]:
    """`matchmaker serve` in production mode on its own database."""
    env = {
        **os.environ, "MATCHMAKER_DATABASE_URL": url, "MATCHMAKER_ENV": "production",
        "MATCHMAKER_SECRET_KEY": secrets.token_hex(32), "MATCHMAKER_QUEUE": "thread",
        "MATCHMAKER_RATELIMIT_STORAGE": "memory://", "MATCHMAKER_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([sys.executable, "-m", "matchmaker.cli", "serve", "--port", str(port),
                                 "--threads", str(threads)], env=env, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early; see {log}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError("server did not start in 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


# -- simulated users -------------------------------------------------------------------------------------------


class Recorder:
    """Thread-safe tally of answers and acknowledged writes."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.latencies: list[float] = []
        self.transport_errors = 0
        self.events: list[tuple[float, int, bool]] = []  # (time, status, touched the database)
        self.applications: list[tuple[str, int]] = []  # (student email, offer id)
        self.offers: list[tuple[str, str]] = []  # (employer email, title)
        self.samples: list[str] = []

    def answer(self, status: int, seconds: float, db: bool, path: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)
            self.events.append((time.monotonic(), status, db))
            if status >= 500 and status != 503 and len(self.samples) < 10:
                self.samples.append(f"{status} {path}")


class User:
    """One simulated person with their own cookies and source address."""

    def __init__(self, port: int, email: str, role: str, source: str, rec: Recorder) -> None:
        self.port, self.email, self.role, self.source, self.rec = port, email, role, source, rec
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.offer_ids: list[int] = []
        self.own_offers: list[int] = []
        self.rng = random.Random(email)

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20,
                                                   source_address=(self.source, 0))
        return self.conn

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """One request; returns (status, Location, body). Status 0 = no HTTP answer."""
        headers = {"Accept-Language": "sv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            with self.rec.lock:
                self.rec.transport_errors += 1
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, "", ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.rec.answer(response.status, time.monotonic() - started, path != "/" and not path.startswith("/static"),
                        path)
        return response.status, response.getheader("Location", "") or "", data

    def form_post(self, form_path: str, post_path: str, fields: dict[str, str]) -> tuple[int, str]:
        """GET a form (for its CSRF token), then POST it; returns (status, Location)."""
        status, _loc, html = self.request("GET", form_path)
        token = CSRF.search(html)
        if status != 200 or token is None:
            return status, ""
        status, location, _ = self.request("POST", post_path, {"csrf_token": token.group(1), **fields})
        return status, location

    def login(self) -> bool:
        status, location = self.form_post("/login", "/login", {"email": self.email, "password": PASSWORD})
        return status in (302, 303) and not location.startswith("/login")

    def step(self) -> None:
        """One action of a student or an employer."""
        if self.role == "student":
            roll = self.rng.random()
            if roll < 0.45 or not self.offer_ids:
                status, _l, html = self.request("GET", "/offers?" + urlencode({"q": self.rng.choice(WORDS)}))
                if status == 200:
                    self.offer_ids = [int(x) for x in OFFER_LINK.findall(html)] or self.offer_ids
            elif roll < 0.75:
                self.request("GET", f"/offers/{self.rng.choice(self.offer_ids)}")
            elif roll < 0.9:
                offer = self.rng.choice(self.offer_ids)
                status, location = self.form_post(f"/student/offers/{offer}/apply", f"/student/offers/{offer}/apply",
                                                  {"message": f"Ansökan från {self.email}"})
                if status in (302, 303) and not location.startswith("/login"):
                    with self.rec.lock:
                        self.rec.applications.append((self.email, offer))
            else:
                self.request("GET", "/student/applications")
        else:
            roll = self.rng.random()
            if roll < 0.3:
                title = f"Lasttest {self.email} {secrets.token_hex(4)}"
                status, location = self.form_post("/employer/offers/new", "/employer/offers/new", {
                    "kind": "internship", "title": title, "language": "sv", "places": "1",
                    "description": "Praktik inom dataanalys och systemutveckling i Umeå. " * 3,
                    "skills": "python, sql", "application_deadline": (date.today() + timedelta(days=40)).isoformat(),
                })
                if status in (302, 303) and not location.startswith("/login"):
                    with self.rec.lock:
                        self.rec.offers.append((self.email, title))
            elif roll < 0.7 or not self.own_offers:
                status, _l, html = self.request("GET", "/employer/offers")
                if status == 200:
                    self.own_offers = sorted({int(x) for x in OWN_OFFER.findall(html)}) or self.own_offers
            else:
                self.request("GET", f"/employer/offers/{self.rng.choice(self.own_offers)}/applications")

    def run(self, until: float) -> None:
        """Log in (retrying through an outage), then act until the deadline."""
        while time.monotonic() < until and not self.login():
            time.sleep(0.5)
        while time.monotonic() < until:
            self.step()
            time.sleep(self.rng.uniform(0.05, 0.25))  # think time
        self.close()

    def close(self) -> None:
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


# -- checks ----------------------------------------------------------------------------------------------------


def verify_writes(url: str, rec: Recorder, res: Result) -> None:
    """Look up every acknowledged write in the database."""
    from sqlalchemy import select

    from matchmaker.models import Application, Offer, StudentProfile
    from matchmaker.models import User as UserRow
    from matchmaker.models.database import make_engine, make_session_factory

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        for email, offer_id in rec.applications:
            found = session.scalar(
                select(Application.id).join(StudentProfile, Application.student_id == StudentProfile.id)
                .join(UserRow, StudentProfile.user_id == UserRow.id)
                .where(UserRow.email == email, Application.offer_id == offer_id))
            if found is None:
                res.acked_missing.append(f"application {email} -> offer {offer_id}")
        for _email, title in rec.offers:
            if session.scalar(select(Offer.id).where(Offer.title == title)) is None:
                res.acked_missing.append(f"offer {title!r}")
    engine.dispose()
    res.acked_writes = len(rec.applications) + len(rec.offers)
    res.acked_found = res.acked_writes - len(res.acked_missing)


def kill_matching_run(url: str, port: int, coach_email: str, res: Result) -> None:
    """A complete run, then a second one killed half-way: the first must stay current, intact and visible."""
    from sqlalchemy import func, select

    from matchmaker.jobs.queue import execute
    from matchmaker.models import MatchRun, MatchSuggestion, RunStatus
    from matchmaker.models import User as UserRow
    from matchmaker.models.database import make_engine, make_session_factory
    from matchmaker.services.matching_runs import runs as matching_runs

    engine = make_engine(url)
    factory = make_session_factory(engine)

    def start() -> int:
        with factory() as session:
            coach = session.scalar(select(UserRow).where(UserRow.email == coach_email))
            run = matching_runs.start_run(session, coach, k=5)
            session.commit()
            return run.id

    first = start()
    execute("matching.run", {"run_id": first}, url)
    with factory() as session:
        before = session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == first))
        assert session.get(MatchRun, first).is_current
    second = start()
    code = f"from matchmaker.jobs.queue import execute; execute('matching.run', {{'run_id': {second}}}, {url!r})"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = total = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        with factory() as session:
            run = session.get(MatchRun, second)
            done, total = run.progress_done, run.progress_total
        if total and 0 < done < total:
            break
        time.sleep(0.02)
    killed = proc.poll() is None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    with factory() as session:
        after = session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == first))
        current = matching_runs.current_run(session)
        status = session.get(MatchRun, second).status
        partial = session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == second))
    engine.dispose()
    visible = _coach_sees_matches(port, coach_email)
    res.kill = {
        "killed_half_way": killed and 0 < done < (total or 1), "progress_at_kill": f"{done}/{total}",
        "previous_matches": before, "previous_intact": after == before and current is not None
        and current.id == first, "previous_visible": visible, "killed_run_status": status.value,
        "killed_run_partial_rows": partial,
    }
    if status == RunStatus.RUNNING:
        res.notes.append("the killed run stays 'running' until mark_interrupted() (2 h) frees the queue")


def _coach_sees_matches(port: int, coach_email: str) -> bool:
    coach = User(port, coach_email, "coach", "127.0.0.250", Recorder())
    try:
        if not coach.login():
            return False
        status, _loc, html = coach.request("GET", "/coach/matching/matches")
        return status == 200 and "/coach/matching/matches/" in html
    finally:
        coach.close()


# -- the run ---------------------------------------------------------------------------------------------------


def run(cfg: Config) -> Result:
    """Prepare, load, break, verify; always restart PostgreSQL and clean up."""
    res = Result(backend="sqlite" if cfg.sqlite else "postgresql", users=cfg.users, duration=cfg.duration)
    say = (lambda *_a: None) if cfg.quiet else (lambda *a: print(*a, flush=True))
    tmp = Path(tempfile.mkdtemp(prefix="matchmaker-load-"))
    if not cfg.sqlite and cfg.outage:
        TARGET["cluster"] = cluster_for(cfg.pg_url)  # refuses (WrongCluster) before anything is created
    url = f"sqlite:///{tmp / 'load.sqlite'}" if cfg.sqlite else create_pg_database(cfg.pg_url, cfg.db_name)
    server: subprocess.Popen[bytes] | None = None
    previous = signal.getsignal(signal.SIGTERM)

    def on_term(_sig: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_term)
    try:
        say(f"preparing {res.backend} database ...")
        people = prepare(url, cfg)
        port = free_port()
        server = start_server(url, port, cfg.threads, tmp / "server.log")
        say(f"server on 127.0.0.1:{port}; {cfg.users} users for {cfg.duration:.0f} s")
        rec = Recorder()
        until = time.monotonic() + cfg.duration
        users = [User(port, e, "student", f"127.0.1.{i + 1}", rec) for i, e in enumerate(people.students)]
        users += [User(port, e, "employer", f"127.0.2.{i + 1}", rec) for i, e in enumerate(people.employers)]
        threads = [threading.Thread(target=u.run, args=(until,), daemon=True) for u in users]
        for t in threads:
            t.start()
        stop_at = start_at = None
        if cfg.outage and not cfg.sqlite:
            time.sleep(cfg.duration * cfg.outage_at)
            say(f"stopping PostgreSQL for {cfg.outage:.0f} s ...")
            try:
                stop_at = time.monotonic()
                pg_ctl("stop")
                time.sleep(cfg.outage)
            finally:
                pg_ctl("start")
                start_at = time.monotonic()
            res.outage_seconds = start_at - stop_at
            say(f"PostgreSQL is back after {res.outage_seconds:.1f} s")
        for t in threads:
            t.join(max(1.0, until - time.monotonic() + 30))
        if any(t.is_alive() for t in threads):
            res.notes.append("some users were still busy at the end")
        res.requests = sum(rec.statuses.values())
        res.by_status = rec.statuses
        res.server_errors = sum(n for s, n in rec.statuses.items() if s >= 500 and s != 503)
        res.unavailable = rec.statuses.get(503, 0)
        res.transport_errors = rec.transport_errors
        res.notes += [f"server error: {s}" for s in rec.samples]
        lat = sorted(rec.latencies)
        if lat:
            res.p50_ms, res.p95_ms = lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.95)] * 1000
        if stop_at is not None and start_at is not None:
            after_stop = [t for t, s, _db in rec.events if t >= stop_at and s == 503]
            res.first_503_after_stop = (after_stop[0] - stop_at) if after_stop else None
            good = [t for t, s, db in rec.events if t >= start_at and db and 200 <= s < 400]
            res.recovery_seconds = (good[0] - start_at) if good else None
        # The outage lasts from the stop command until the first good database-backed answer after the start;
        # a 503 at any other time is a failure (e.g. SQLite's "database is locked").
        end = (start_at or 0.0) + (res.recovery_seconds if res.recovery_seconds is not None else 0.0)
        res.unavailable_outside_outage = sum(
            1 for t, s, _db in rec.events if s == 503 and not (stop_at is not None and stop_at <= t <= end))
        say("verifying acknowledged writes ...")
        verify_writes(url, rec, res)
        if cfg.kill_run:
            say("killing a matching run half-way ...")
            kill_matching_run(url, port, people.coach, res)
    finally:
        if not cfg.sqlite and "cluster" in TARGET:
            ensure_pg_running()  # whatever happened above, the cluster we stopped runs again
        if server is not None:
            stop_server(server)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
        if not cfg.keep:
            if not cfg.sqlite:
                with contextlib.suppress(Exception):
                    drop_pg_database(cfg.pg_url, cfg.db_name)
            for p in sorted(tmp.glob("*")):
                with contextlib.suppress(OSError):
                    p.unlink()
            with contextlib.suppress(OSError):
                tmp.rmdir()
    return res


def main(argv: list[str] | None = None) -> int:
    """Command line entry: prints the figures; exit status 0 when the targets are met."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--outage", type=float, default=10.0, help="seconds PostgreSQL is stopped (0: none)")
    p.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL (no outage)")
    p.add_argument("--pg-url", default=os.environ.get("MATCHMAKER_LOAD_PG_URL", DEFAULT_PG))
    p.add_argument("--db-name", default="matchmaker_load")
    p.add_argument("--no-kill", action="store_true", help="skip the killed matching run")
    p.add_argument("--extra-students", type=int, default=3000)
    p.add_argument("--keep", action="store_true", help="keep the database and server log")
    a = p.parse_args(argv)
    cfg = Config(users=a.users, duration=a.duration, outage=0.0 if a.sqlite else a.outage, sqlite=a.sqlite,
                 pg_url=a.pg_url, db_name=a.db_name, kill_run=not a.no_kill, extra_students=a.extra_students,
                 keep=a.keep)
    try:
        res = run(cfg)
    except KeyboardInterrupt:
        print("interrupted; PostgreSQL was restarted", file=sys.stderr)
        return 130
    print("\n".join(res.lines()))
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
