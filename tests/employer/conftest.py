"""Fixtures of the employer tests: two organisations with one employer each, offers, applications, contracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from matchmaker.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CompetenceContract,
    ContractCommitment,
    ContractStatus,
    Offer,
    OfferKind,
    OfferStatus,
    Role,
    User,
    utcnow,
)
from matchmaker.services.students.profiles import profile_snapshot
from matchmaker.web.employer.labels import today
from tests.conftest import Factory

TODAY = today()


@dataclass
class World:
    """Employer X and employer Y of two different organisations, plus a student, coach and admin."""

    factory: Factory
    session: Session
    employer_x: User
    colleague_x: User
    employer_y: User
    student: User
    coach: User
    admin: User

    def offer_x(self, **kw: Any) -> Offer:
        """An offer of X's organisation (published by default)."""
        assert self.employer_x.organization is not None
        return self.factory.offer(self.employer_x.organization, **kw)

    def offer_y(self, **kw: Any) -> Offer:
        """An offer of Y's organisation."""
        assert self.employer_y.organization is not None
        return self.factory.offer(self.employer_y.organization, **kw)

    def consenting_student(self, **profile: Any) -> User:
        """A student visible to employers, with some skills."""
        profile.setdefault("skills", ["Python", "SQL"])
        profile.setdefault("about", "Jag gillar systemutveckling och dataanalys.")
        return self.factory.student(visible_to_employers=True, consent_at=utcnow(), **profile)

    def apply(self, student: User, offer: Offer, message: str = "Hej!") -> Application:
        """An application as the student service would make it (with snapshot and first event)."""
        profile = student.student_profile
        assert profile is not None
        application = Application(
            student_id=profile.id, offer_id=offer.id, message=message, profile_snapshot=profile_snapshot(profile),
            status=ApplicationStatus.SUBMITTED,
        )
        application.events.append(
            ApplicationEvent(from_status=None, to_status=ApplicationStatus.SUBMITTED, actor_id=student.id)
        )
        self.session.add(application)
        self.session.flush()
        return application

    def contract_x(self, *, status: ContractStatus = ContractStatus.ACTIVE, count: int = 3,
                   kind: OfferKind = OfferKind.DEGREE_PROJECT) -> ContractCommitment:
        """An X contract with one commitment line; returns the line."""
        assert self.employer_x.organization_id is not None
        contract = CompetenceContract(
            organization_id=self.employer_x.organization_id, title="Avtal 2026",
            period_start=TODAY - timedelta(days=60), period_end=TODAY + timedelta(days=300), status=status,
        )
        line = ContractCommitment(kind=kind, program=self.factory.program(), count=count)
        contract.commitments.append(line)
        self.session.add(contract)
        self.session.flush()
        return line


@pytest.fixture
def world(factory: Factory, db_session: Session) -> World:
    """Two organisations and one user of each role."""
    employer_x = factory.user(Role.EMPLOYER, display_name="Xena Employer")
    colleague_x = factory.user(Role.EMPLOYER, organization=employer_x.organization)
    return World(
        factory=factory, session=db_session, employer_x=employer_x, colleague_x=colleague_x,
        employer_y=factory.user(Role.EMPLOYER), student=factory.student(), coach=factory.user(Role.COACH),
        admin=factory.user(Role.ADMIN),
    )


def offer_form(**overrides: Any) -> dict[str, Any]:
    """A valid offer form post."""
    data: dict[str, Any] = {
        "kind": "degree_project", "title": "Examensarbete: prognoser för elnätet",
        "description": "Bygg en modell som förutsäger belastningen på elnätet.", "skills": "Python, statistik",
        "municipality": "", "language": "sv", "period_start": (TODAY + timedelta(days=60)).isoformat(),
        "period_end": (TODAY + timedelta(days=200)).isoformat(), "places": "2",
        "application_deadline": (TODAY + timedelta(days=30)).isoformat(), "commitment": "", "action": "save",
    }
    data.update(overrides)
    return data


def published(offer: Offer) -> Offer:
    """Mark an offer as published by a coach."""
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = utcnow()
    return offer


def future(days: int) -> date:
    """A date `days` from today."""
    return TODAY + timedelta(days=days)
