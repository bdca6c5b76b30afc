"""`matchmaker scheduler --once`: enqueues the due periodic tasks (run at once by the sync queue), then exits."""

from __future__ import annotations

from click.testing import CliRunner

from matchmaker import cli
from tests.test_cli import fresh_db  # noqa: F401  (the fixture)


def test_scheduler_once_runs_what_is_due_and_then_nothing(fresh_db) -> None:  # noqa: F811
    runner = CliRunner()
    assert runner.invoke(cli.main, ["init-db"]).exit_code == 0
    result = runner.invoke(cli.main, ["scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert "offers.expire" in result.output and "digests.weekly" in result.output
    again = runner.invoke(cli.main, ["scheduler", "--once"])
    assert again.exit_code == 0 and "nothing was due" in again.output
