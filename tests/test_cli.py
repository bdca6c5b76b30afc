"""The `matchmaker` command."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from matchmaker import cli
from matchmaker.models import OfferStatus, Role, User
from matchmaker.models.database import make_engine, make_session_factory
from matchmaker.services.notifications import delivery


@pytest.fixture
def fresh_db(tmp_path, monkeypatch) -> str:
    """A fresh SQLite database named by the environment, as in production use."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_ENV", "development")
    monkeypatch.setenv("MATCHMAKER_QUEUE", "sync")
    return url


def _users(url: str) -> list[User]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        users = list(session.scalars(select(User)))
    engine.dispose()
    return users


def test_init_db_then_create_user(fresh_db) -> None:
    runner = CliRunner()
    result = runner.invoke(cli.main, ["init-db"])
    assert result.exit_code == 0, result.output
    assert "newest schema" in result.output
    result = runner.invoke(cli.main, ["create-user", "--email", "Coach@Example.org", "--role", "coach",
                                      "--name", "Cora Coach"], input="a-good-passphrase\na-good-passphrase\n")
    assert result.exit_code == 0, result.output
    [user] = _users(fresh_db)
    assert user.email == "coach@example.org" and user.role == Role.COACH


def test_create_user_refuses_a_weak_password_and_creates_nothing(fresh_db) -> None:
    runner = CliRunner()
    runner.invoke(cli.main, ["init-db"])
    result = runner.invoke(cli.main, ["create-user", "--email", "a@example.org", "--role", "admin"],
                           input="short\nshort\n")
    assert result.exit_code != 0
    assert "password" in result.output
    assert _users(fresh_db) == []


def test_seed_demo_refuses_in_production(fresh_db, monkeypatch) -> None:
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "x" * 32)
    monkeypatch.setenv("MATCHMAKER_PUBLIC_URL", "https://matchmaker.example.org")
    result = CliRunner().invoke(cli.main, ["seed-demo"])
    assert result.exit_code != 0
    assert "refuses to run in production" in result.output


def test_demo_migrates_seeds_prints_logins_and_serves_with_waitress(fresh_db, monkeypatch) -> None:
    served = {}

    def fake_waitress(app, host, port, threads, ident):
        served.update(app=app, host=host, port=port)

    monkeypatch.setattr("waitress.serve", fake_waitress)
    result = CliRunner().invoke(cli.main, ["demo", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8765/" in result.output
    for email in ("student@example.org", "employer@example.org", "coach@example.org", "admin@example.org"):
        assert email in result.output
    assert "demo-password" in result.output
    assert served["port"] == 8765
    # Links in the demo's mail point at the port it serves on.
    assert delivery.renderer().settings_url().startswith("http://127.0.0.1:8765/")
    roles = {u.email: u.role for u in _users(fresh_db)}
    assert roles["admin@example.org"] == Role.ADMIN and roles["coach@example.org"] == Role.COACH


def test_demo_prints_only_the_banner_and_serves_a_warm_index(fresh_db, monkeypatch) -> None:
    from matchmaker.web.extensions import offer_index

    served = {}
    monkeypatch.setattr("waitress.serve", lambda app, **kw: served.update(app=app))
    result = CliRunner().invoke(cli.main, ["demo"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) <= 10, result.output  # the URL, the logins, how to reset, "serving on"
    assert "scripts/demo --reset" in result.output
    # The index was fitted before serving: the first search or start page does not pay for it.
    assert offer_index(served["app"])._ranker is not None


def test_demo_reset_rebuilds_the_demo_data(fresh_db, monkeypatch) -> None:
    monkeypatch.setattr("waitress.serve", lambda app, **kw: None)
    runner = CliRunner()
    assert runner.invoke(cli.main, ["demo"]).exit_code == 0
    engine = make_engine(fresh_db)
    with make_session_factory(engine)() as session:
        session.delete(session.scalar(select(User).where(User.email == "coach@example.org")))
        session.commit()
    engine.dispose()
    assert "coach@example.org" not in {u.email for u in _users(fresh_db)}
    # Without --reset the demo keeps what the user changed; with it the demo data are back.
    assert runner.invoke(cli.main, ["demo"]).exit_code == 0
    assert "coach@example.org" not in {u.email for u in _users(fresh_db)}
    result = runner.invoke(cli.main, ["demo", "--reset"])
    assert result.exit_code == 0, result.output
    assert "emptied" in result.output
    emails = [u.email for u in _users(fresh_db)]
    assert "coach@example.org" in emails and len(emails) == len(set(emails))


def test_the_license_is_an_spdx_expression() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
    assert isinstance(project["license"], str)  # a table makes setuptools warn on every install


@pytest.mark.db
def test_expire_offers_cli(factory, db_session, monkeypatch, app) -> None:
    from click.testing import CliRunner

    from matchmaker import cli

    old = factory.offer(application_deadline=date(2020, 1, 1))
    db_session.commit()
    monkeypatch.setattr(cli, "_app", lambda: app)
    result = CliRunner().invoke(cli.main, ["expire-offers"])
    assert result.exit_code == 0, result.output
    assert "Expired" in result.output
    db_session.refresh(old)
    assert old.status == OfferStatus.EXPIRED


@pytest.mark.db
def test_flag_inactive_cli(tmp_path, monkeypatch) -> None:
    from matchmaker import cli

    url = f"sqlite:///{tmp_path / 'flag.sqlite'}"
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_ENV", "development")
    monkeypatch.setenv("MATCHMAKER_QUEUE", "sync")
    runner = CliRunner()
    assert runner.invoke(cli.main, ["init-db"]).exit_code == 0
    result = runner.invoke(cli.main, ["flag-inactive"])
    assert result.exit_code == 0, result.output
    assert "flagged 0" in result.output


def test_import_synonyms_is_a_matchmaker_command(tmp_path) -> None:
    export = tmp_path / "occupations_sv.csv"
    export.write_text("conceptUri,preferredLabel,altLabels\nhttp://x/1,skotarförare,skördarförare\n", encoding="utf-8")
    out = tmp_path / "synonyms.txt"
    result = CliRunner().invoke(cli.main, ["import-synonyms", str(export), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "import-synonyms" in CliRunner().invoke(cli.main, ["--help"]).output
    lines = [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert lines and "skotarförare" in lines[0] and "skördarförare" in lines[0]


def test_matchmaker_match_runs_without_the_web_stack(tmp_path) -> None:
    # `matchmaker match` is the engine's command line: Flask, SQLAlchemy and scikit-learn would cost it
    # about 2 s of imports per run. The console script's run() must also exit 0 with the output complete.
    import json
    import subprocess
    import sys

    offers, students, out = tmp_path / "o.jsonl", tmp_path / "s.jsonl", tmp_path / "out.jsonl"
    offers.write_text(json.dumps({"id": "o1", "title": "Systemutvecklare", "description": "Python"}) + "\n",
                      encoding="utf-8")
    students.write_text(json.dumps({"id": "s1", "about": "python"}) + "\n", encoding="utf-8")
    script = ("import sys\n"
              "from matchmaker import cli\n"
              "sys.argv = ['matchmaker', 'match', '--offers', sys.argv[1], '--students', sys.argv[2],"
              " '--out', sys.argv[3]]\n"
              "import matchmaker.matching.cli as engine\n"
              "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy', 'sklearn'})\n"
              "print(heavy, flush=True)\n"
              "cli.run()\n")
    ok = subprocess.run([sys.executable, "-c", script, str(offers), str(students), str(out)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "[]"
    assert json.loads(out.read_text(encoding="utf-8"))["matches"][0]["offer_id"] == "o1"


def test_python_dash_m_matchmaker_cli_runs_the_command(fresh_db) -> None:
    # The browser tests and benchmarks start the app so; the module must run its command, not only define it.
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "matchmaker.cli", "init-db"], capture_output=True, text=True,
                          timeout=120, env={**os.environ})
    assert done.returncode == 0, done.stderr
    engine = make_engine(fresh_db)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM study_programs").scalar() is not None
    engine.dispose()
