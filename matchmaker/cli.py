"""The `matchmaker` command. Commands call services; they own the transaction."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # imported where used: `matchmaker match` needs neither Flask nor SQLAlchemy (1 s)
    from flask import Flask
    from sqlalchemy.orm import Session


def _app() -> Flask:
    from matchmaker.web import create_app

    return create_app()


@contextmanager
def _session(app: Flask) -> Iterator[Session]:
    """One session, committed when the block succeeds, rolled back otherwise."""
    from matchmaker.core.mail import SEND_JOB, send_after_commit
    from matchmaker.models.database import WRITE_INTENT
    from matchmaker.web.extensions import session_for
    from matchmaker.web.queue_ext import queue_of

    # A command writes, like a job: on SQLite its transaction takes the write lock first, so a server writing
    # at the same time makes it wait (busy_timeout) instead of failing with "database is locked".
    intent = WRITE_INTENT.set(True)
    with app.app_context():
        session = session_for(app)()
        send_after_commit(session, lambda: queue_of(app).enqueue(SEND_JOB))
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            WRITE_INTENT.reset(intent)


class _Commands(click.Group):
    """A group whose engine commands are imported only when run: scikit-learn takes seconds to import."""

    lazy = {"match": "match_command", "evaluate": "evaluate_command", "import-synonyms": "import_synonyms_command"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            return getattr(importlib.import_module("matchmaker.matching.cli"), self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands)
@click.version_option(package_name="matchmaker")
def main() -> None:
    """Matchmaker: link university students with regional employers."""


def run() -> None:
    """The `matchmaker` console script: main(), then an engine command's quick exit (matching.cli.leave)."""
    try:
        main()
    except SystemExit as exc:  # click's standalone mode always ends with one
        engine = sys.modules.get("matchmaker.matching.cli")  # loaded only when an engine command ran
        (engine.leave if engine is not None else sys.exit)(exc.code)


@main.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    from matchmaker.core.migrations import upgrade_to_head

    app = _app()
    upgrade_to_head(app.config["DATABASE_URL"])
    with _session(app) as session:
        from matchmaker.seed.demo import load_catalogues

        load_catalogues(session)
    click.echo("Database is at the newest schema; catalogues loaded.")


@main.command("seed-demo")
def seed_demo() -> None:
    """Load the invented demo data (refused in production)."""
    app = _app()
    if app.config["MATCHMAKER_ENV"] == "production":
        raise click.ClickException("seed-demo refuses to run in production (MATCHMAKER_ENV=production)")
    from matchmaker.seed.demo import load_demo

    with _session(app) as session:
        counts = load_demo(session)
    click.echo("Demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items() if isinstance(v, int)))


class _RoleChoice(click.Choice):
    """The user roles as a click choice, read from the models when the option is used (see TYPE_CHECKING)."""

    def __init__(self) -> None:
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        from matchmaker.models import Role

        return tuple(r.value for r in Role)


@main.command("create-user")
@click.option("--email", required=True)
@click.option("--role", type=_RoleChoice(), required=True)
@click.option("--name", default="")
@click.password_option(envvar="MATCHMAKER_NEW_PASSWORD")
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Create a user of any role (the only way to make coaches and admins besides the admin page)."""
    from matchmaker.core.errors import ValidationError
    from matchmaker.models import Role
    from matchmaker.services.accounts import users as accounts

    app = _app()
    try:
        with _session(app) as session:
            user = accounts.create_user(session, email=email, password=password, role=Role(role), display_name=name)
            user_id = user.id
    except ValidationError as exc:
        raise click.ClickException("; ".join(f"{k} {v}" for k, v in exc.errors.items())) from exc
    click.echo(f"Created {role} {email} (id {user_id}).")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, a production WSGI server."""
    _serve(_app(), host, port, threads)


def _serve(app: Flask, host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    if not os.environ.get("MATCHMAKER_PUBLIC_URL") and app.config["MATCHMAKER_ENV"] != "production":
        app.config["PUBLIC_URL"] = f"http://{host}:{port}"  # links in the demo's mail point at this server

    from matchmaker.jobs.queue import ThreadQueue
    from matchmaker.jobs.scheduler import start_thread
    from matchmaker.web.extensions import offer_index, session_for
    from matchmaker.web.queue_ext import queue_of

    offer_index(app).warm(session_for(app))  # fitted at start-up, not by the first search under the lock
    if isinstance(queue_of(app), ThreadQueue) and os.environ.get("MATCHMAKER_SCHEDULER", "on") != "off":
        # One process, no Redis (the demo): the periodic tasks run here too, on the in-process worker.
        start_thread(session_for(app), queue_of(app))
    click.echo(f"Matchmaker is serving on http://{host}:{port}/ (press Ctrl+C to stop)")
    sys.stdout.flush()
    waitress_serve(app, host=host, port=port, threads=threads, ident="matchmaker")


DEMO_ACCOUNTS = [("student", "student@example.org"), ("employer", "employer@example.org"),
                 ("coach", "coach@example.org"), ("admin", "admin@example.org"), ("alumnus", "alumnus@example.org")]


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--reset", is_flag=True, help="Delete all data in the demo database and load the demo data again.")
def demo(host: str, port: int, reset: bool) -> None:
    """init-db + seed-demo + serve, printing the URL and the demo logins."""
    from matchmaker.core.migrations import drop_all_tables, upgrade_to_head
    from matchmaker.seed.demo import load_demo
    from matchmaker.web.extensions import offer_index

    os.environ.setdefault("MATCHMAKER_ENV", "development")
    app = _app()
    if app.config["MATCHMAKER_ENV"] == "production":
        raise click.ClickException("demo refuses to run in production (MATCHMAKER_ENV=production)")
    if reset:
        drop_all_tables(app.config["DATABASE_URL"])
        click.echo("The demo database was emptied; loading the demo data again.")
    upgrade_to_head(app.config["DATABASE_URL"])
    with _session(app) as session:
        load_demo(session)
    with _session(app) as session:  # the search index fitted before serving: the first page is not the slow one
        offer_index(app).snapshot(session)
    click.echo("")
    click.echo(f"  Open http://{host}:{port}/")
    click.echo("  Demo logins (password: demo-password):")
    for role, email in DEMO_ACCOUNTS:
        click.echo(f"    {role:<9} {email}")
    click.echo("  Start again from the demo data: scripts/demo --reset")
    click.echo("")
    _serve(app, host, port, 8)


@main.command()
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
def worker(burst: bool) -> None:
    """Run an RQ worker for background jobs (production; needs MATCHMAKER_REDIS_URL)."""
    from redis import Redis
    from rq import Worker

    app = _app()
    os.environ.setdefault("MATCHMAKER_DATABASE_URL", app.config["DATABASE_URL"])
    from matchmaker.jobs import catalog as job_modules  # noqa: F401  (registers the jobs)

    connection = Redis.from_url(app.config["REDIS_URL"])
    Worker(["matchmaker"], connection=connection).work(burst=burst)


@main.command()
@click.option("--once", is_flag=True, help="Enqueue the tasks that are due, then exit.")
@click.option("--poll", default=60.0, show_default=True, help="Seconds between checks for due tasks.")
def scheduler(once: bool, poll: float) -> None:
    """Run the periodic tasks (offer expiry, reminders, digests, alerts, privacy) when they are due."""
    from matchmaker.jobs import scheduler as periodic
    from matchmaker.web.extensions import session_for
    from matchmaker.web.queue_ext import queue_of

    app = _app()
    queue = queue_of(app)
    if once:
        names = periodic.tick(session_for(app), queue)
        getattr(queue, "join", lambda: None)()  # the in-process worker finishes before the command exits
        click.echo("Ran: " + (", ".join(names) if names else "nothing was due"))
        return
    click.echo(f"Scheduler running: {len(periodic.TASKS)} tasks, checking every {poll:g} s (Ctrl+C to stop)")
    periodic.run_forever(session_for(app), queue, poll=poll)


@main.command("expire-offers")
@click.option("--today", default="", help="Pretend today is this ISO date (testing).")
def expire_offers(today: str) -> None:
    """Set published offers whose application deadline has passed to expired (run daily from cron)."""
    from datetime import date

    from matchmaker.services.offers import expiry

    day = date.fromisoformat(today) if today else date.today()
    with _session(_app()) as session:
        ids = expiry.expire_offers(session, today=day)
    click.echo(f"Expired {len(ids)} offers.")


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path: str) -> None:
    """Back up the whole database to PATH (SQLite file copy or pg_dump custom format), safely renamed."""
    from matchmaker.core.backup import BackupError, backup

    app = _app()
    try:
        written = backup(app.config["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {written} ({written.stat().st_size} bytes).")


@main.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path: str, yes: bool) -> None:
    """Replace the database's whole content with the backup in PATH (stop the app first)."""
    from matchmaker.core.backup import BackupError, restore

    app = _app()
    if not yes:
        click.confirm(f"Replace ALL data in {app.config['DATABASE_URL'].split('@')[-1]} with {path}?", abort=True)
    try:
        restore(app.config["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database restored from {path}.")


@main.command("flag-inactive")
def flag_inactive_command() -> None:
    """Flag accounts without a login for 24 months for deletion and tell them by mail (run daily)."""
    from matchmaker.services.accounts import privacy
    from matchmaker.web.queue_ext import queue_of

    app = _app()
    with _session(app) as session:
        result = privacy.flag_inactive(session)
    # The notification mails were sent on commit; the in-process worker must finish before the command exits.
    getattr(queue_of(app), "join", lambda: None)()
    click.echo(f"Inactive accounts: flagged {result['flagged']}, unflagged {result['unflagged']}.")


if __name__ == "__main__":  # python -m matchmaker.cli (the browser tests and benchmarks start the server so)
    run()
