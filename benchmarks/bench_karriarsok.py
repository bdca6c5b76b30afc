#!/usr/bin/env python3
"""Speed benchmark of Karriärsök and the student start page on SQLite with synthetic data.

Generates 10k published offers and 5k students (invented), warms up, then times N requests per page through
the Flask test client. Server time is measured inside the app (before_request to after_request), so the test
client's own overhead is not counted. Prints p50/p95/p99 per page and whether the target (p95 <= 100 ms) is met.
Asserts nothing. Usage:

    .venv/bin/python benchmarks/bench_karriarsok.py                     # 10k offers, 5k students, 200 requests
    .venv/bin/python benchmarks/bench_karriarsok.py --offers 2000 --students 500 -n 50   # quick look
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Flask, g  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from matchmaker.core.passwords import hash_password, use_fast_hashing  # noqa: E402
from matchmaker.core.validation import org_number_with_check_digit  # noqa: E402
from matchmaker.models import (  # noqa: E402
    Application,
    ApplicationEvent,
    Base,
    CompetenceContract,
    ContractStatus,
    Invitation,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Role,
    SavedSearch,
    StudentProfile,
    StudyProgram,
    User,
    offer_programs,
    student_municipalities,
)
from matchmaker.models.database import make_engine  # noqa: E402
from matchmaker.services.karriarsok import saved_searches  # noqa: E402
from matchmaker.web import create_app  # noqa: E402

TARGET_MS = 100.0
PASSWORD = "benchmark-password-1"
MUNICIPALITIES = [
    ("2480", "Umeå", "Västerbottens län", False), ("2482", "Skellefteå", "Västerbottens län", False),
    ("2481", "Lycksele", "Västerbottens län", True), ("2462", "Vilhelmina", "Västerbottens län", True),
    ("2580", "Luleå", "Norrbottens län", False), ("2584", "Kiruna", "Norrbottens län", True),
    ("2581", "Piteå", "Norrbottens län", False), ("2510", "Jokkmokk", "Norrbottens län", True),
    ("2380", "Östersund", "Jämtlands län", False), ("2321", "Åre", "Jämtlands län", True),
    ("2313", "Strömsund", "Jämtlands län", True), ("2281", "Sundsvall", "Västernorrlands län", False),
    ("2284", "Örnsköldsvik", "Västernorrlands län", False), ("2283", "Sollefteå", "Västernorrlands län", True),
    ("2280", "Härnösand", "Västernorrlands län", False),
]
TOPICS = {
    "data": "systemutveckling python java webbutveckling databaser sql molntjänster api backend frontend "
            "react testautomatisering devops linux säkerhet",
    "analys": "dataanalys statistik maskininlärning prognoser visualisering r python pandas rapporter "
              "beslutsstöd kvalitet",
    "vard": "omvårdnad sjuksköterska patient vårdcentral hemsjukvård äldreomsorg läkemedel journalföring "
            "akutsjukvård rehabilitering",
    "ekonomi": "redovisning budget bokslut excel controller revision skatt löner fakturering inköp upphandling",
    "bygg": "byggnadsteknik konstruktion projektledning hållbarhet betong trä installationer ritningar "
            "arbetsmiljö anläggning",
    "energi": "energiteknik vindkraft elnät solceller vätgas batterier effektivisering mätning automation "
              "elkraft",
    "skog": "skogsbruk ekologi fältarbete miljöövervakning biologisk mångfald gis kartor naturvård vatten "
            "klimat",
    "turism": "besöksnäring turism fjäll evenemang marknadsföring kundservice hotell restaurang guidning "
              "friluftsliv",
    "skola": "pedagogik undervisning lärare förskola fritidshem specialpedagogik läroplan bedömning "
             "elevhälsa digitala verktyg",
    "industri": "produktion underhåll automation plc robotar logistik lean kvalitetssäkring mekanik "
                "gruvdrift processteknik",
}
FILLER = ("vi söker dig som vill utvecklas hos oss i regionen tillsammans med ett engagerat team och "
          "goda möjligheter till handledning arbetet sker på plats eller delvis på distans").split()
TITLE_WORDS = ["praktik", "trainee", "jobb", "exjobb", "mentor"]
QUERIES = ["python", "omvårdnad", "projektledning", "vindkraft", "maskininlärning", "redovisning excel",
           "skogsbruk gis", "turism fjäll", "pedagogik", "automation plc", "systemutveckling webb",
           "hållbarhet bygg", "sjuksköterska", "statistik", "logistik"]


def _now() -> datetime:
    return datetime.now(UTC)


def _text(rng: random.Random, topic: str, n: int) -> str:
    words = TOPICS[topic].split()
    return " ".join(rng.choice(words) if rng.random() < 0.45 else rng.choice(FILLER) for _ in range(n))


def generate(url: str, n_offers: int, n_students: int, seed: int = 11) -> dict[str, Any]:
    """Create the schema and fill it with invented data; returns ids the benchmark needs."""
    rng = random.Random(seed)
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    topics = list(TOPICS)
    now = _now()
    today = date.today()
    with Session(engine) as s:
        s.execute(insert(Municipality), [dict(code=c, name=n, county=k, sparsely_populated=sp)
                                         for c, n, k, sp in MUNICIPALITIES])
        s.execute(insert(StudyProgram), [dict(slug=f"{t}-{i}", name_sv=f"Program {t} {i}", name_en=f"Programme {t} {i}",
                                              level="bachelor", active=True) for t in topics for i in (1, 2)])
        n_orgs = max(10, n_offers // 20)
        s.execute(insert(Organization), [dict(name=f"Exempelbolaget {i} AB", org_number=org_number_with_check_digit(
            f"55{i:07d}"), sector="company", municipality_id=rng.randint(1, len(MUNICIPALITIES)), website="",
            description="", verified=True, created_at=now, updated_at=now) for i in range(1, n_orgs + 1)])
        s.execute(insert(CompetenceContract), [dict(organization_id=i, title="Avtal", period_start=today - timedelta(
            days=30), period_end=today + timedelta(days=300), status=ContractStatus.ACTIVE, notes="", version_id=1,
            created_at=now, updated_at=now) for i in range(1, n_orgs + 1, 7)])
        offers, links = [], []
        kinds = [k.value for k in OfferKind]
        for i in range(1, n_offers + 1):
            topic = rng.choice(topics)
            skills = rng.sample(TOPICS[topic].split(), 3)
            published = now - timedelta(hours=rng.randint(1, 24 * 90))
            offers.append(dict(
                organization_id=rng.randint(1, n_orgs), kind=rng.choice(kinds),
                title=f"{rng.choice(TOPICS[topic].split()).capitalize()} {rng.choice(TITLE_WORDS)}",
                description=_text(rng, topic, rng.randint(40, 120)), skills=skills,
                municipality_id=rng.randint(1, len(MUNICIPALITIES)), remote=rng.random() < 0.2, language="sv",
                places=rng.randint(1, 3), application_deadline=today + timedelta(days=rng.randint(1, 120)),
                status=OfferStatus.PUBLISHED, review_comment="", published_at=published, version_id=1,
                created_at=published, updated_at=published,
            ))
            links.append(dict(offer_id=i, program_id=topics.index(topic) * 2 + rng.randint(1, 2)))
        s.execute(insert(Offer), offers)
        s.execute(insert(offer_programs), links)
        password_hash = hash_password(PASSWORD)
        s.execute(insert(User), [dict(email=f"student{i}@bench.example.org", password_hash=password_hash,
                                      role=Role.STUDENT, active=True, locale="sv", display_name=f"Student {i}",
                                      session_version=1, created_at=now, updated_at=now)
                                 for i in range(1, n_students + 1)])
        profiles, places = [], []
        for i in range(1, n_students + 1):
            topic = rng.choice(topics)
            profiles.append(dict(
                user_id=i, name=f"Student {i}", program_id=topics.index(topic) * 2 + 1, study_mode="campus",
                graduation_term=f"VT{today.year + 1}", skills=rng.sample(TOPICS[topic].split(), 4),
                interests=_text(rng, topic, 10), about=_text(rng, topic, 60), languages=["svenska", "engelska"],
                preferred_kinds=rng.sample(kinds, 2), willing_to_relocate=rng.random() < 0.5,
                remote_ok=rng.random() < 0.5, prefers_sparse=rng.random() < 0.2, visible_to_employers=False,
                phone="", created_at=now, updated_at=now,
            ))
            places.append(dict(student_id=i, municipality_id=rng.randint(1, len(MUNICIPALITIES))))
        s.execute(insert(StudentProfile), profiles)
        s.execute(insert(student_municipalities), places)
        # The timed students have a realistic amount of their own data on the start page.
        timed = list(range(1, 11))
        for sid in timed:
            for offer_id in rng.sample(range(1, n_offers + 1), 5):
                app = Application(student_id=sid, offer_id=offer_id, message="Hej", profile_snapshot={},
                                  status="submitted")
                app.events.append(ApplicationEvent(from_status=None, to_status="submitted"))
                s.add(app)
            for offer_id in rng.sample(range(1, n_offers + 1), 3):
                s.add(Invitation(offer_id=offer_id, student_id=sid, message="Välkommen att söka"))
            for q in rng.sample(QUERIES, 3):
                s.add(SavedSearch(student_id=sid, name=q, params={"q": q},
                                  last_seen_at=now - timedelta(days=rng.randint(1, 30))))
        s.commit()
    engine.dispose()
    return {"students": [f"student{i}@bench.example.org" for i in timed]}


def make_app(url: str) -> tuple[Flask, list[tuple[float, float]]]:
    """A testing app on the benchmark database that records (wall, CPU) server time per request in ms."""
    app = create_app({"ENV": "testing", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False, "QUEUE_BACKEND": "sync",
                      "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    times: list[tuple[float, float]] = []

    @app.before_request
    def _start() -> None:
        g.bench_t0 = (time.perf_counter(), time.thread_time())

    @app.teardown_request
    def _stop(_exc: BaseException | None) -> None:
        if "bench_t0" in g:
            wall, cpu = g.bench_t0
            times.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))

    # The timer must start before any other before_request handler (login loading, role checks).
    app.before_request_funcs[None].insert(0, app.before_request_funcs[None].pop())
    return app, times


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def run(args: argparse.Namespace) -> int:
    use_fast_hashing()
    if args.no_count_cache:
        saved_searches.COUNT_TTL = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        url = "sqlite:///" + str(Path(tmp) / "bench.sqlite")
        t0 = time.perf_counter()
        info = generate(url, args.offers, args.students)
        print(f"generated {args.offers} offers and {args.students} students in {time.perf_counter() - t0:.1f} s")
        app, times = make_app(url)
        anonymous = app.test_client()
        students = []
        for email in info["students"]:
            client = app.test_client()
            response = client.post("/login", data={"email": email, "password": PASSWORD})
            assert response.status_code == 302, "benchmark login failed"
            students.append(client)
        pages = {
            "/offers?q=… (anonymous)": lambda i: anonymous.get(
                "/offers", query_string={"q": QUERIES[i % len(QUERIES)]}),
            "/offers?q=… (student)": lambda i: students[i % len(students)].get(
                "/offers", query_string={"q": QUERIES[(i * 7) % len(QUERIES)]}),
            "/offers (student, best match by profile)": lambda i: students[i % len(students)].get("/offers"),
            "/offers (anonymous, newest)": lambda i: anonymous.get("/offers", query_string={"page": 1 + i % 5}),
            "/student/ (home)": lambda i: students[i % len(students)].get("/student/"),
        }
        t0 = time.perf_counter()
        for i in range(args.warmup):
            for call in pages.values():
                assert call(i).status_code == 200
        print(f"warm-up ({args.warmup} rounds, includes fitting the offer index) took {time.perf_counter() - t0:.1f} s")
        results = {}
        for name, call in pages.items():
            times.clear()
            for i in range(args.n):
                response = call(i)
                assert response.status_code == 200, (name, response.status_code)
            results[name] = list(times)
        cache = "off" if args.no_count_cache else f"{saved_searches.COUNT_TTL:.0f} s"
        print(f"\n{args.n} requests per page, server time in ms "
              f"(SQLite, {args.offers} offers, {args.students} students, saved-search count cache {cache})")
        print(f"{'page':<42} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} | {'CPU p50':>7} {'CPU p95':>7}")
        ok = True
        for name, pairs in results.items():
            wall, cpu = [w for w, _ in pairs], [c for _, c in pairs]
            p50, p95, p99 = (percentile(wall, p) for p in (50, 95, 99))
            ok = ok and p95 <= TARGET_MS
            print(f"{name:<42} {p50:7.1f} {p95:7.1f} {p99:7.1f} {max(wall):7.1f} | "
                  f"{percentile(cpu, 50):7.1f} {percentile(cpu, 95):7.1f}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"\nserver time = wall clock inside the app; CPU = the request thread's CPU time. "
              f"Load average at the end: {load:.1f} on {os.cpu_count()} cores.")
        print(f"target p95 <= {TARGET_MS:.0f} ms (wall): {'MET' if ok else 'NOT MET'}")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--students", type=int, default=5_000)
    parser.add_argument("-n", type=int, default=200, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed rounds over all pages first")
    parser.add_argument("--no-count-cache", action="store_true",
                        help="recount saved searches' new offers on every start page (no 60 s cache)")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
