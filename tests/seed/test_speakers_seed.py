"""Demo speakers: the demo alumnus speaks at Mötesplats Campus with a Swedish topic, shown on the event's page."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.models import Event, User
from matchmaker.seed.demo import load_demo
from matchmaker.services.events import speakers

pytestmark = pytest.mark.db


def test_the_demo_alumnus_speaks_at_the_fair(db_session) -> None:
    load_demo(db_session, today=date(2026, 9, 1))
    demo = db_session.scalar(select(User).where(User.email == "alumnus@example.org"))
    mine = speakers.events_of_speaker(db_session, demo)
    assert len(mine) == 1
    event, topic = mine[0]
    assert event.title.startswith("Mötesplats Campus") and topic.startswith("Från student till utvecklare")
    shown = speakers.speakers_shown(db_session, event)
    assert [(s.name, s.employer) for s in shown] == [("Sara Lindqvist", "Norrbyte IT AB")]
    others = db_session.scalars(select(Event).where(Event.id != event.id))
    assert all(speakers.speakers_shown(db_session, e) == [] for e in others)
