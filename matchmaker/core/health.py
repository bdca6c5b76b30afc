"""The health check's database round trip."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def database_round_trip(session: Session) -> None:
    """Run the cheapest possible query; raises when the database cannot be reached."""
    session.execute(text("SELECT 1"))
