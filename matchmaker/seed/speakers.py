"""Demo speakers from seeds/speakers.yaml: alumni added to demo events by the real speakers service."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.models import Event, Role, User
from matchmaker.services.events import speakers

from .support import EntryError, SeedContext, entries, entry, read_yaml

FILE = "speakers.yaml"


def load_speakers(ctx: SeedContext) -> None:
    """Speakers (after alumni and meeting places), added in the name of the first demo coach."""
    coach = ctx.session.scalar(select(User).where(User.role == Role.COACH).order_by(User.id))
    for e in entries(read_yaml(ctx.seeds_dir, FILE), FILE):
        with entry(FILE, e.get("email")):
            event = ctx.session.scalar(select(Event).where(Event.title == e["event"]))
            alumnus = ctx.session.scalar(select(User).where(User.email == e["email"]))
            if event is None or alumnus is None or coach is None:
                raise EntryError(f"no event '{e['event']}', alumnus '{e['email']}' or coach")
            speakers.add_speaker(ctx.session, coach, event, alumnus.id, str(e.get("topic", "")))
