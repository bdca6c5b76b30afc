"""Real-browser fixtures: the real app served by `matchmaker serve`, Debian's Chromium driven by Playwright.

The server is a subprocess on a fresh SQLite file, set up with the same commands an operator uses
(`init-db`, `create-user`), with CSRF and rate limits on. Each test gets fresh browser contexts (no shared
cookies). When a test fails, a full-page screenshot, the HTML and the trail of loaded documents of every page it
opened are saved under test-artifacts/browser/, next to server.log (the server's output for the whole run).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 10_000
COACH_EMAIL = "coach.browser@example.org"
COACH_NAME = "Cora Coach"
# Passwords of accounts created by the browser tests (long enough, not on the common-password list).
PASSWORD = "fjord-lantern-birch-42"


@dataclass
class LiveServer:
    """A running `matchmaker serve` and the environment that points the CLI at its database."""

    url: str
    env: dict[str, str]
    log_path: Path

    def cli(self, *args: str, extra_env: dict[str, str] | None = None) -> str:
        """Run a `matchmaker` command against the live server's database; return its output."""
        env = {**self.env, **(extra_env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "matchmaker.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"matchmaker {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout


@dataclass
class Pages:
    """The pages a test opened, by actor label, for artefacts and console checks."""

    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    trails: dict[str, list[str]] = field(default_factory=dict)  # per page: the documents it loaded


PAGES_KEY = pytest.StashKey[Pages]()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log_path: Path, deadline_s: float = 60.0) -> None:
    """Poll /healthz until it answers 200 (bounded); fail with the server log if the server dies or hangs."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"matchmaker serve exited with {proc.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling a starting server, not waiting for a result
    pytest.fail(f"matchmaker serve did not become healthy in {deadline_s}s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/browser/, emptied at the start of a run (it holds the artefacts of the last run)."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path) -> Iterator[LiveServer]:
    """The real app on a free loopback port: init-db, a coach account, then `matchmaker serve`."""
    workdir = tmp_path_factory.mktemp("live")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")}
    env.update(
        MATCHMAKER_DATABASE_URL="sqlite:///" + str(workdir / "live.sqlite"),
        MATCHMAKER_ENV="development",
        MATCHMAKER_QUEUE="thread",
        PYTHONUNBUFFERED="1",
    )
    port = _free_port()
    log_path = artifacts_dir / "server.log"
    server = LiveServer(url=f"http://127.0.0.1:{port}", env=env, log_path=log_path)
    server.cli("init-db")
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "matchmaker.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--threads", "4"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            # While the server starts: the coach account, made the way an operator makes one.
            server.cli(
                "create-user", "--email", COACH_EMAIL, "--role", "coach", "--name", COACH_NAME,
                extra_env={"MATCHMAKER_NEW_PASSWORD": PASSWORD},
            )
            _wait_healthy(server.url, proc, log_path)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path) -> Iterator[Any]:
    """A second live server on the seeded demo data, for the page-by-page and keyboard checks (see site.py)."""
    from .site import start_demo_server

    yield from start_demo_server(tmp_path_factory.mktemp("demo"), artifacts_dir / "demo-server.log")


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium (never a downloaded one)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/setup-env test` installs Debian's chromium")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _watch(page: Page, label: str, seen: Pages) -> None:
    """Collect JavaScript errors and CSP violations (a failed resource, like a 4xx page, is not one), and
    a trail of the documents the page asked for and got (seconds, method, status, address) for the artefacts."""
    problems, trail, started = seen.problems, seen.trails.setdefault(label, []), time.monotonic()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"[{label}] console error at {page.url}: {message.text}")

    def on_response(response: Response) -> None:
        if response.request.resource_type == "document":
            at = time.monotonic() - started
            trail.append(f"{at:7.2f}s {response.request.method} {response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"[{label}] page error at {page.url}: {exc}"))
    def on_request(request: Request) -> None:
        if request.resource_type == "document":
            trail.append(f"{time.monotonic() - started:7.2f}s {request.method} sent {request.url}")

    page.on("request", on_request)
    page.on("response", on_response)


@pytest.fixture
def new_page(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer
) -> Iterator[Callable[..., Page]]:
    """new_page(label, locale="en", **context_options): a page in a fresh context (its own cookies).

    One label per person in the test (student, employer, coach): each is a separate browser.
    """
    seen = Pages()
    request.node.stash[PAGES_KEY] = seen
    contexts: list[BrowserContext] = []

    def make(label: str = "page", locale: str = "en", **options: Any) -> Page:
        assert label not in seen.pages, f"page label {label!r} used twice"
        context = browser.new_context(base_url=live_server.url, locale=locale, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        _watch(page, label, seen)
        seen.pages[label] = page
        return page

    yield make
    for context in contexts:
        context.close()
    assert not seen.problems, "browser console problems:\n" + "\n".join(seen.problems)


@pytest.fixture(scope="session")
def coach_login(browser: Browser, live_server: LiveServer) -> dict[str, Any]:
    """The coach's cookies after one login through the UI (switched to English), reused by coach pages.

    Logging in once per run keeps the suite well under the login rate limit (10 per minute per address).
    """
    from .flows import expect_logged_in, log_in, use_english

    context = browser.new_context(base_url=live_server.url, locale="en")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        log_in(page, COACH_EMAIL)
        use_english(page)  # the CLI made the account in Swedish; the choice is saved on the account
        expect_logged_in(page)
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def coach_page(new_page: Callable[..., Page], coach_login: dict[str, Any]) -> Page:
    """A fresh browser where the coach is logged in (English UI)."""
    page = new_page("coach", storage_state=coach_login)
    page.goto("/")
    return page


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """One English page in a fresh context."""
    return new_page()


def _artefact_name(item: pytest.Item) -> str:
    return re.sub(r"[^\w.-]+", "_", item.name).strip("_")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failed test, save a full-page screenshot, the HTML and the trail of documents of each of its pages."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when not in ("setup", "call") or not report.failed:
        return
    seen = item.stash.get(PAGES_KEY, None)
    if seen is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = _artefact_name(item)
    for index, (label, page) in enumerate(seen.pages.items()):
        name = base if index == 0 else f"{base}-{label}"
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, timeout=TIMEOUT_MS)
            (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
            trail = seen.trails.get(label, [])
            (ARTIFACTS / f"{name}.trail.txt").write_text("\n".join(trail) + "\n", encoding="utf-8")
            report.sections.append((
                "browser artefacts",
                f"{label}: {ARTIFACTS / name}.png/.html/.trail.txt at {page.url}; last documents:\n  "
                + "\n  ".join(trail[-6:]),
            ))
        except Exception as exc:  # a crashed page must not hide the test's own failure
            report.sections.append(("browser artefacts", f"{label}: no artefact ({exc})"))
