"""Fixtures for the coach's matching tests: a logged-in coach and a small world of students and offers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchmaker.models import Locale, OfferStatus, Role


@pytest.fixture
def coach(factory, login):
    user = factory.user(Role.COACH, locale=Locale.EN)
    login(user)
    return user


@pytest.fixture
def world(factory):
    """Three students and three open offers with overlapping words, plus things a run must leave out."""
    data = factory.program("datateknik")
    nurse = factory.program("sjukskoterska")
    students = [
        factory.student(about="Jag programmerar Python och bygger webbtjänster med Django", skills=["Python"],
                        program=data),
        factory.student(about="Maskininlärning och dataanalys i Python, statistik", skills=["Python", "SQL"],
                        program=data),
        factory.student(about="Omvårdnad och vård av äldre, undersköterska på sommaren", program=nurse),
    ]
    offers = [
        factory.offer(title="Examensarbete: webbtjänster i Python", description="Django och Python för webben",
                      skills=["Python"]),
        factory.offer(title="Dataanalys med maskininlärning", description="Statistik och Python i SQL-databaser"),
        factory.offer(title="Sommarjobb inom omvårdnad", description="Vård av äldre i hemtjänsten"),
    ]
    inactive = factory.student(about="Python Django webbtjänster")
    inactive.active = False
    closed = factory.offer(title="Python Django webbtjänster stängd", status=OfferStatus.CLOSED)
    past = factory.offer(title="Python Django webbtjänster gammal",
                         application_deadline=date.today() - timedelta(days=1))
    factory.session.flush()
    return {"students": [s.student_profile for s in students], "offers": offers,
            "inactive": inactive.student_profile, "excluded_offers": [closed, past]}


def start_run(client, **data):
    """POST the start form (k 5, threshold 0.2 unless given); with the inline test queue the run completes."""
    data.setdefault("k", 5)
    data.setdefault("threshold", "0.2")
    return client.post("/coach/matching/runs", data=data)
