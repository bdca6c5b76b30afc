"""Every input of the student pages has a label, headings are in order, and dates follow the language."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from matchmaker.models import Locale
from matchmaker.services.applications import student as applications
from tests.fixtures.karriarsok import TODAY, World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


class _Audit(HTMLParser):
    """Collects form controls without a label, and the heading levels in order."""

    def __init__(self) -> None:
        super().__init__()
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, str]] = []  # (id, description)
        self.inside_label = 0
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self.inside_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if a.get("type") in ("hidden", "submit", "button"):
                return
            if not self.inside_label:
                self.controls.append((a.get("id") or "", f"{tag} name={a.get('name')}"))
        elif tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "label":
            self.inside_label -= 1


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    return audit


def test_inputs_have_labels_and_headings_do_not_skip(client, login, world, db_session) -> None:
    applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    login(world.student_a)
    client.post("/student/searches", data={"name": "Py", "q": "python"})
    for path in ("/offers", "/offers?q=python", f"/offers/{world.remote.id}", "/student/", "/student/profile",
                 "/student/profile/preview", "/student/applications", f"/student/offers/{world.nursing.id}/apply"):
        audit = _audit(client.get(path).get_data(as_text=True))
        unlabelled = [d for i, d in audit.controls if not i or i not in audit.label_for]
        assert not unlabelled, (path, unlabelled)
        assert audit.headings and audit.headings[0] == 1, path
        jumps = [(a, b) for a, b in zip(audit.headings, audit.headings[1:], strict=False) if b > a + 1]
        assert not jumps, (path, audit.headings)


def test_dates_follow_the_language(client, login, world, db_session) -> None:
    login(world.student_a)
    deadline = world.dev.application_deadline
    swedish = client.get(f"/offers/{world.dev.id}").get_data(as_text=True)
    assert f"Sök senast {deadline.day} " in swedish and str(deadline.year) in swedish
    world.student_a.locale = Locale.EN
    db_session.flush()
    english = client.get(f"/offers/{world.dev.id}").get_data(as_text=True)
    assert f"Apply by {deadline.strftime('%b')} {deadline.day}, {deadline.year}" in english
