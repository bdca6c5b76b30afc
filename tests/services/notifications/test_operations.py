"""Notifications: written once per active recipient, counted, paged, marked read only by their owner."""

from __future__ import annotations

import pytest

from matchmaker.core.errors import NotFound
from matchmaker.models import Role
from matchmaker.services.notifications import operations as notifications
from matchmaker.services.notifications.kinds import KINDS

pytestmark = pytest.mark.db


def test_notify_writes_one_per_active_recipient(db_session, factory) -> None:
    a, b = factory.student(), factory.student()
    gone = factory.user(Role.COACH, active=False)
    made = notifications.notify(db_session, [a, b, a, gone], "offer.approved", {"offer": "Exjobb"}, ("offer", 7))
    assert sorted(n.user_id for n in made) == sorted([a.id, b.id])
    assert made[0].params == {"offer": "Exjobb"} and (made[0].object_type, made[0].object_id) == ("offer", 7)
    assert notifications.unread_count(db_session, a.id) == 1
    assert notifications.unread_count(db_session, gone.id) == 0


def test_an_unknown_kind_is_a_programming_error(db_session, factory) -> None:
    with pytest.raises(ValueError, match="unknown notification kind"):
        notifications.notify(db_session, [factory.student()], "no.such.kind")


def test_params_are_stored_as_strings(db_session, factory) -> None:
    note = notifications.notify(db_session, [factory.student()], "alert.offers", {"search": "data", "count": 3})[0]
    assert note.params == {"search": "data", "count": "3"}


def test_mark_read_only_for_the_owner(db_session, factory) -> None:
    a, b = factory.student(), factory.student()
    note = notifications.notify(db_session, [a], "offer.rejected", {"offer": "X"})[0]
    with pytest.raises(NotFound):
        notifications.mark_read(db_session, b.id, note.id)
    assert note.read_at is None
    notifications.mark_read(db_session, a.id, note.id)
    assert note.read_at is not None and notifications.unread_count(db_session, a.id) == 0


def test_mark_all_read_touches_only_the_owner(db_session, factory) -> None:
    a, b = factory.student(), factory.student()
    for offer in ("X", "Y"):
        notifications.notify(db_session, [a, b], "offer.approved", {"offer": offer})
    assert notifications.mark_all_read(db_session, a.id) == 2
    assert notifications.unread_count(db_session, a.id) == 0
    assert notifications.unread_count(db_session, b.id) == 2


def test_page_is_newest_first(db_session, factory) -> None:
    a = factory.student()
    for offer in ("first", "second", "third"):
        notifications.notify(db_session, [a], "offer.approved", {"offer": offer})
    page = notifications.page_for(db_session, a.id, 1, per_page=2)
    assert [n.params["offer"] for n in page.items] == ["third", "second"] and page.total == 3


def test_every_kind_names_its_params_in_the_text() -> None:
    for kind in KINDS.values():
        assert "%(" in kind.text or kind.name.endswith("changed"), kind.name
