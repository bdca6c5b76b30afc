"""Fixtures of the student feature: a small world of offers, two students, and a fresh ranking index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from matchmaker.models import (
    CompetenceContract,
    ContractStatus,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Role,
    StudyProgram,
    User,
    utcnow,
)

TODAY = date.today()


@dataclass
class World:
    """Named objects of the test world."""

    data: StudyProgram
    nurse: StudyProgram
    sundsvall: Municipality
    sorsele: Municipality
    org: Organization
    care: Organization
    dev: Offer
    nursing: Offer
    remote: Offer
    draft: Offer
    expired: Offer
    closed: Offer
    student_a: User
    student_b: User
    employer: User
    other_employer: User
    coach: User
    admin: User


@pytest.fixture
def world(factory, db_session) -> World:
    """Offers of several kinds and places, two students, one user of every other role."""
    sundsvall = factory.municipality("Sundsvall", county="Västernorrlands län")
    sorsele = factory.municipality("Sorsele", county="Västerbottens län", sparsely_populated=True)
    data = factory.program("data")
    nurse = factory.program("nurse")
    org = factory.organization("Kodbolaget AB", municipality=sundsvall)
    care = factory.organization("Region Exempel")
    now = utcnow()

    def offer(owner: Organization, **kw: Any) -> Offer:
        kw.setdefault("published_at", now - timedelta(days=5))
        return factory.offer(owner, **kw)

    dev = offer(org, title="Systemutvecklare sommarpraktik", kind=OfferKind.SUMMER_INTERNSHIP,
                description="Utveckling av webbtjänster i Python med databaser.", skills=["Python", "SQL"],
                municipality=sundsvall, programs=[data], application_deadline=TODAY + timedelta(days=10),
                published_at=now - timedelta(days=1))
    nursing = offer(care, title="Sjuksköterska vid vårdcentral", kind=OfferKind.JOB,
                    description="Arbete på vårdcentraler i inlandet med patientnära vård.", skills=["omvårdnad"],
                    municipality=sorsele, programs=[nurse], application_deadline=TODAY + timedelta(days=60))
    remote = offer(org, title="Examensarbete maskininlärning", kind=OfferKind.DEGREE_PROJECT,
                   description="Maskininlärning och Python för prognoser av energiförbrukning.", skills=["Python"],
                   remote=True, application_deadline=None, published_at=now - timedelta(days=3))
    draft = offer(org, title="Python-utvecklare utkast", status=OfferStatus.DRAFT, description="Python utkast",
                  published_at=None)
    expired = offer(org, title="Python gammal praktik", description="Python praktik som har gått ut",
                    application_deadline=TODAY - timedelta(days=1))
    closed = offer(org, title="Python stängd", status=OfferStatus.CLOSED, description="Python stängd annons")
    db_session.add(CompetenceContract(organization=care, title="Vårdavtal", period_start=TODAY - timedelta(days=30),
                                      period_end=TODAY + timedelta(days=300), status=ContractStatus.ACTIVE))
    student_a = factory.student(email="anna@example.org", about="Jag gillar Python och webbutveckling.",
                                skills=["Python"], program=data, phone="070-123 45 67")
    student_b = factory.student(email="bertil@example.org", about="Omvårdnad och vård i glesbygd.",
                                skills=["omvårdnad"], program=nurse)
    employer = factory.user(Role.EMPLOYER, organization=org)
    other_employer = factory.user(Role.EMPLOYER)
    db_session.flush()
    return World(data, nurse, sundsvall, sorsele, org, care, dev, nursing, remote, draft, expired, closed,
                 student_a, student_b, employer, other_employer, factory.user(Role.COACH), factory.user(Role.ADMIN))
