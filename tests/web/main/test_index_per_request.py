"""A Karriärsök request takes one snapshot of the app's offer index, however many stages rank."""

from __future__ import annotations

import pytest

from matchmaker.services.ranking.index import OfferIndex
from matchmaker.web.extensions import offer_index

pytestmark = pytest.mark.db


def test_a_logged_in_search_checks_the_index_once(app, client, login, factory, monkeypatch) -> None:
    for title in ("Python-utvecklare", "Python i vården", "Dataanalys med Python"):
        factory.offer(title=title, description="Utveckling i Python och SQL.")
    student = factory.student(about="Jag programmerar i Python och vill jobba med data.", skills=["Python"])
    calls: list[int] = []
    real = OfferIndex.snapshot

    def counted(self: OfferIndex, session, today=None):
        calls.append(id(self))
        return real(self, session, today)

    monkeypatch.setattr(OfferIndex, "snapshot", counted)
    login(student)
    page = client.get("/offers?q=python&sort=best")
    assert page.status_code == 200 and "Python-utvecklare" in page.get_data(as_text=True)
    # query stage, profile stage and the reasons of the page's hits share one snapshot of the app's index
    assert calls == [id(offer_index(app))]
