"""The demo site for the page-by-page browser checks: a live server on the seeded demo data, and the list of its
pages per role, taken from the app's url_map so that a new page is covered without editing a list.

Pages without URL parameters come straight from the url_map; for a page with parameters the walk follows the first
link to it found on the pages already seen (ids of the seeded demo data, seen the way a user reaches them). A page
of a role's own area that no link reaches fails the walk: it is a page no check would cover.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from werkzeug.routing import Map, MapAdapter
from werkzeug.routing.exceptions import HTTPException as RoutingException

from .conftest import ROOT, LiveServer, _free_port, _wait_healthy

DEMO_PASSWORD = "demo-password"
ACCOUNTS = {"student": "student@example.org", "employer": "employer@example.org", "coach": "coach@example.org",
            "admin": "admin@example.org", "alumnus": "alumnus@example.org"}
ROLES = ("anonymous", *ACCOUNTS)
LOCALES = ("sv", "en")

# Endpoints that answer with something other than an HTML page (data, files, feeds, redirects to the IdP).
NOT_PAGES_PREFIXES = ("api.", "sso.", "static")
NOT_PAGES = {"main.healthz", "auth.notification_open", "publishing.feed_atom", "publishing.feed_rss",
             "publishing.sitemap", "alumnus.export",
             "publishing.export_jobtech", "student.export", "coach.contracts_csv", "coach.contract_csv",
             "coach.placements_csv", "coach.report_csv", "main.organization_logo", "coach.alumni_csv",
             # iCalendar files and feeds (a browser downloads them; tests/core/test_ical.py and the calendar tests
             # read them with the icalendar parser)
             "main.event_ics", "calendars.private_feed", "calendars.public_deadlines",
             "conversations.slot_invitation"}
HTML_EXTRA = {"api.docs"}  # an HTML page under api.
# Pages the walk does not reach, and why: confirmation steps of states the demo data does not have (a made place
# offer, an allocation run waiting to be published) and the signed unsubscribe link of a mail. Keep this short:
# every entry is a page no automatic check covers (docs/accessibility.md lists them).
NOT_REACHED = {
    "employer.withdraw_place_offer": "the demo's offered place is another organisation's",
    "coach.allocation_publish_confirm": "needs an allocation round that has been run",
    "employer.mentoring_register": "the demo's mentoring programme is matched and published: sign-up is closed",
    "student.mentoring_apply": "the demo's mentoring programme is matched and published: sign-up is closed",
    "alumnus.mentoring_register": "the demo's mentoring programme is matched and published: sign-up is closed",
}
# Shared pages that only some roles reach by a link (a coach reads a thread from support, not from a list).
ONLY_FOR = {"conversations.": ("student", "employer")}
AREA = {"student": "student.", "employer": "employer.", "coach": "coach.", "admin": "admin.", "alumnus": "alumnus."}
ANONYMOUS_ONLY = ("auth.login", "auth.register", "auth.forgot_password", "auth.reset_password",
                  "auth.confirm_registration", "publishing.embed_", "api.docs", "auth.registration_sent",
                  "auth.unsubscribe")


@dataclass
class SitePage:
    """One page to check: its address and the endpoint it belongs to."""

    endpoint: str
    path: str
    status: int = 200  # what the page answers (the invalid-link and error pages are not 200)


@dataclass
class DemoSite:
    """The demo server, its url_map and a few ids from its database for pages no link reaches."""

    server: LiveServer
    db_path: Path
    url_map: Map
    extra: dict[str, list[SitePage]] = field(default_factory=dict)
    adapter: MapAdapter = field(init=False)

    def __post_init__(self) -> None:
        self.adapter = self.url_map.bind("localhost")

    def endpoint_of(self, path: str) -> str | None:
        """The endpoint a path of this site goes to (None for other sites and unknown paths)."""
        parts = urlsplit(path)
        if parts.netloc and not self.server.url.endswith(parts.netloc):
            return None
        try:
            endpoint, _ = self.adapter.match(parts.path, method="GET")
        except RoutingException:
            return None
        return str(endpoint)

    def page_endpoints(self) -> set[str]:
        """Every endpoint that shows an HTML page."""
        names = set()
        for rule in self.url_map.iter_rules():
            if "GET" not in (rule.methods or ()):
                continue
            if rule.endpoint in NOT_PAGES or rule.endpoint in NOT_REACHED:
                continue
            if rule.endpoint.startswith(NOT_PAGES_PREFIXES) and rule.endpoint not in HTML_EXTRA:
                continue
            names.add(rule.endpoint)
        return names

    def start_pages(self, role: str) -> list[SitePage]:
        """The role's pages without URL parameters, plus those filled from the database (no link leads there)."""
        pages = []
        for rule in sorted(self.url_map.iter_rules(), key=lambda r: r.rule):
            if rule.endpoint in self.page_endpoints() and not rule.arguments and belongs(role, rule.endpoint):
                pages.append(SitePage(rule.endpoint, rule.rule))
        if role == "anonymous":
            with sqlite3.connect(self.db_path) as db:
                org = db.execute("select id from organizations order by id limit 1").fetchone()[0]
                code = db.execute("select code from municipalities order by code limit 1").fetchone()[0]
            pages += [
                SitePage("auth.reset_password", "/password/reset/no-such-token", status=404),
                SitePage("auth.confirm_registration", "/register/confirm/no-such-token", status=404),
                SitePage("publishing.embed_organization", f"/embed/organizations/{org}/offers.html"),
                SitePage("publishing.embed_municipality", f"/embed/municipalities/{code}/offers.html"),
                SitePage("errors.404", "/no-such-page", status=404),
                SitePage("auth.unsubscribe", "/unsubscribe/no-such-token", status=404),
            ]
        if role == "student":
            pages.append(SitePage("errors.403", "/coach/", status=403))
        pages += self.extra.get(role, [])
        return pages


def belongs(role: str, endpoint: str) -> bool:
    """Whether the role's walk visits the endpoint: its own area, the public pages and the account pages."""
    if endpoint.startswith(ANONYMOUS_ONLY):
        return role == "anonymous"
    for prefix, roles in ONLY_FOR.items():
        if endpoint.startswith(prefix):
            return role in roles
    for owner, prefix in AREA.items():
        if endpoint.startswith(prefix):
            return role == owner
    if role == "anonymous":
        return endpoint.startswith("main.")
    return endpoint != "main.healthz"


def must_answer(role: str, endpoint: str) -> bool:
    """Pages the role must be shown (a refusal or redirect elsewhere is a failure): its own area and main."""
    return endpoint.startswith((AREA.get(role, "-"), "main.")) or role == "anonymous"


def arrange_demo(database_url: str) -> dict[str, list[SitePage]]:
    """What the seeded demo lacks for a walk of every page: a finished matching run and an open allocation round
    with the demo student and an offer of the demo employer (made with the services a coach's clicks call).
    Returns the pages no link of the demo reaches: the apply form of an open offer the student has not applied to,
    and the coach's check-in page of the QR code on the demo student's registration."""
    from datetime import date, timedelta

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from matchmaker.models import Application, Offer, OfferStatus, StudentProfile, User
    from matchmaker.models.database import make_engine
    from matchmaker.services.allocation import rounds
    from matchmaker.services.matching_runs import execution, runs

    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            people = {u.email: u for u in session.scalars(select(User).where(User.email.in_(ACCOUNTS.values())))}
            coach, employer = people[ACCOUNTS["coach"]], people[ACCOUNTS["employer"]]
            run = runs.start_run(session, coach)
            session.commit()
            execution.run_matching(session, run.id)
            profile = session.scalars(
                select(StudentProfile).where(StudentProfile.user_id == people[ACCOUNTS["student"]].id)).one()
            published = [o for o in session.scalars(select(Offer).where(Offer.status == OfferStatus.PUBLISHED)
                                                     .order_by(Offer.id)) if o.is_open(date.today())]
            found = rounds.create_round(session, coach, "Summer round (browser walk)", 3)
            own = next(o for o in published if o.organization_id == employer.organization_id)
            rounds.add_offer(session, coach, found, own.id, None)
            rounds._add_students(session, coach, found, [profile.id], "walk")
            rounds.open_round(session, coach, found, date.today() + timedelta(days=14))
            applied = set(session.scalars(select(Application.offer_id).where(Application.student_id == profile.id)))
            to_apply = next(o.id for o in published if o.id not in applied)
            check_in = _arrange_events_and_searches(session, coach, people[ACCOUNTS["student"]])
            session.commit()
    finally:
        engine.dispose()
    return {"student": [SitePage("student.apply", f"/student/offers/{to_apply}/apply")],
            # The check-in page a QR code's link opens (no page links to it; a phone's camera does).
            "coach": [SitePage("coach.event_check_in_token", check_in)]}


def _arrange_events_and_searches(session: Any, coach: Any, student: Any) -> str:
    """A fair open for registration (students' and employers' event pages) with the demo student registered (the
    QR code on their page), and a saved search of the student. Returns the path of the check-in link."""
    from datetime import UTC, datetime, timedelta

    from matchmaker.services.events.editing import EventInput, create_event
    from matchmaker.services.events.registrations import register
    from matchmaker.services.karriarsok import saved_searches
    from matchmaker.services.karriarsok.search import SearchParams
    from matchmaker.web.checkin_codes import make_token
    from matchmaker.web.config import DEVELOPMENT_SECRET_KEY

    now = datetime.now(UTC).replace(microsecond=0)
    starts = now + timedelta(days=20)
    fair = create_event(session, coach, EventInput(
        kind="fair", title="Arbetsmarknadsdag (browser walk)", description="Träffa arbetsgivare från regionen.",
        campus="Umeå", place="Aula Nordica", starts_at=starts, ends_at=starts + timedelta(hours=6), capacity=200,
        registration_opens=now - timedelta(days=1), registration_closes=starts - timedelta(days=1),
        employer_registration_opens=now - timedelta(days=1), employer_registration_closes=starts - timedelta(days=2),
        slot_cancel_deadline=starts - timedelta(days=1)))
    saved_searches.save(session, student, "Praktik", SearchParams(q="praktik"))
    assert student.student_profile is not None
    registration = register(session, student.student_profile, fair)
    # The walk's server runs with MATCHMAKER_ENV=development and no key: web/config.py's development key.
    token = make_token(fair.id, registration.id, secret_key=DEVELOPMENT_SECRET_KEY)
    return f"/coach/events/{fair.id}/check-in/{token}"


def start_demo_server(workdir: Path, log_path: Path) -> Iterator[DemoSite]:
    """init-db + seed-demo on a fresh SQLite file, then `matchmaker serve` (yields the site, stops it after)."""
    db_path = workdir / "demo.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")}
    env.update(MATCHMAKER_DATABASE_URL="sqlite:///" + str(db_path), MATCHMAKER_ENV="development",
               MATCHMAKER_QUEUE="thread", PYTHONUNBUFFERED="1")
    port = _free_port()
    server = LiveServer(url=f"http://127.0.0.1:{port}", env=env, log_path=log_path)
    server.cli("init-db")
    server.cli("seed-demo")
    extra = arrange_demo(env["MATCHMAKER_DATABASE_URL"])
    from matchmaker.web import create_app

    app = create_app({"DATABASE_URL": env["MATCHMAKER_DATABASE_URL"], "SECRET_KEY": "url-map-only"})
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "matchmaker.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--threads", "4"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(server.url, proc, log_path)
            yield DemoSite(server=server, db_path=db_path, url_map=app.url_map, extra=extra)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
