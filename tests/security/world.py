"""A small world for the authorization matrix: two students, two employers, a coach, an admin, and objects
owned by each, so every URL parameter can be filled with a real object owned by the right user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import (
    AllocationOffer,
    AllocationParticipant,
    AllocationRound,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CompetenceContract,
    ContractCommitment,
    ContractStatus,
    Event,
    EventKind,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    Invitation,
    MatchRun,
    MatchSuggestion,
    Mentee,
    Mentor,
    MentoringPair,
    MentoringProgramme,
    OfferKind,
    OfferStatus,
    Placement,
    ProgrammeStatus,
    RegistrationStatus,
    Role,
    RoundStatus,
    RunStatus,
    SavedSearch,
    SlotBooking,
    User,
    utcnow,
)
from matchmaker.services.accounts import password_reset, tokens
from matchmaker.services.notifications import operations as notifications
from tests.security.world_councils import council_objects

ROLES = ("anonymous", "student_a", "student_b", "employer_x", "employer_y", "coach", "admin")


@dataclass
class World:
    """Users by role name and objects by name (ids), plus a valid password reset token of student A."""

    users: dict[str, User] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)


def build_world(session: Session, factory: Any) -> World:
    """Create the users and the objects each owns."""
    world = World()
    program = factory.program()
    municipality = factory.municipality()
    org_x, org_y = factory.organization(name="X-bolaget AB"), factory.organization(name="Y-bolaget AB")
    world.users["student_a"] = factory.student(program=program, skills=["python"], about="A about",
                                               visible_to_employers=True, consent_at=utcnow())
    world.users["student_b"] = factory.student(program=program, visible_to_employers=True, consent_at=utcnow())
    world.users["student_c"] = factory.student(program=program)  # never consented, never applied
    world.users["employer_x"] = factory.user(Role.EMPLOYER, organization=org_x)
    world.users["employer_y"] = factory.user(Role.EMPLOYER, organization=org_y)
    world.users["coach"] = factory.user(Role.COACH)
    world.users["admin"] = factory.user(Role.ADMIN)
    a = world.users["student_a"].student_profile
    b = world.users["student_b"].student_profile
    c = world.users["student_c"].student_profile
    assert a is not None and b is not None and c is not None
    today = date.today()
    offer_x = factory.offer(org_x, title="X offer", municipality=municipality, programs=[program])
    offer_x2 = factory.offer(org_x, title="X second offer")
    offer_x_draft = factory.offer(org_x, title="X draft", status=OfferStatus.DRAFT)
    offer_x_submitted = factory.offer(org_x, title="X submitted", status=OfferStatus.SUBMITTED, submitted_at=utcnow())
    offer_y = factory.offer(org_y, title="Y offer")
    application = Application(student_id=a.id, offer_id=offer_x.id, message="Hej",
                              profile_snapshot={"name": a.name, "email": world.users["student_a"].email})
    application_b = Application(student_id=b.id, offer_id=offer_y.id, message="Hej Y",
                                profile_snapshot={"name": b.name})
    session.add_all([application, application_b])
    session.flush()
    session.add(ApplicationEvent(application_id=application.id, to_status=ApplicationStatus.SUBMITTED))
    invitation = Invitation(offer_id=offer_x2.id, student_id=a.id, sent_by_id=world.users["employer_x"].id)
    search = SavedSearch(student_id=a.id, name="A search", params={"q": "data"})
    contract = CompetenceContract(organization_id=org_x.id, title="X contract", period_start=today - timedelta(days=30),
                                  period_end=today + timedelta(days=300), status=ContractStatus.ACTIVE)
    contract.commitments.append(ContractCommitment(kind=OfferKind.DEGREE_PROJECT, program_id=program.id, count=2))
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True, started_by_id=world.users["coach"].id)
    session.add_all([invitation, search, contract, run])
    session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=a.id, offer_id=offer_x.id, score=0.5, reasons=[])
    placement = Placement(student_id=a.id, offer_id=offer_x.id, program_id=program.id,
                          period_start=today - timedelta(days=10), term="HT2026")
    # An open allocation round with X's offer, in which student A takes part.
    allocation_round = AllocationRound(name="Round", created_by_id=world.users["coach"].id, status=RoundStatus.OPEN)
    session.add_all([match, placement, allocation_round])
    session.flush()
    session.add_all([AllocationOffer(round_id=allocation_round.id, offer_id=offer_x.id, places=1),
                     AllocationParticipant(round_id=allocation_round.id, student_id=a.id)])
    session.flush()
    token = password_reset.request_reset(session, world.users["student_a"].email, lambda u, a, t: ("s", t))
    api_token = tokens.create_token(session, world.users["student_a"], "A's token", ["offers:read"], 30).token
    note_a = notifications.notify(session, [world.users["student_a"]], "application.status",
                                  {"organization": "X", "offer": "X offer"}, ("application", application.id))[0]
    world.ids.update(_meeting_places(session, world, program, org_x))
    world.ids.update(council_objects(session, world.users, program, org_x))
    world.ids.update(
        offer_x=offer_x.id, offer_x2=offer_x2.id, offer_x_draft=offer_x_draft.id,
        offer_x_submitted=offer_x_submitted.id, offer_y=offer_y.id, application_a=application.id,
        application_b=application_b.id, invitation_a=invitation.id, search_a=search.id, contract_x=contract.id,
        run=run.id, match_a=match.id, placement_a=placement.id, org_x=org_x.id, org_y=org_y.id,
        profile_a=a.id, profile_b=b.id, profile_c=c.id, program=program.id, municipality=municipality.id,
        round=allocation_round.id, token_a=token, static_file="css/app.css", action_open="open",
        report_table="funnel", user_b=world.users["student_b"].id,
        api_token_a=api_token.id, report_name="funnel", embed_fmt="html", municipality_code=municipality.code,
        swagger_asset="swagger-ui.css", notification_a=note_a.id,
    )
    return world


def _meeting_places(session: Session, world: World, program: Any, org_x: Any) -> dict[str, int]:
    """A fair open to the world's program, X registered with two slots; A registered and booked the first."""
    now = utcnow().replace(second=0, microsecond=0)
    start = now + timedelta(days=10)
    fair = Event(kind=EventKind.FAIR, title="World fair", campus="Sundsvall", starts_at=start,
                 ends_at=start + timedelta(hours=6), capacity=10, registration_opens=now - timedelta(days=1),
                 registration_closes=start, employer_registration_opens=now - timedelta(days=1),
                 employer_registration_closes=start - timedelta(days=1), slot_cancel_deadline=start,
                 created_by_id=world.users["coach"].id, programs=[program])
    session.add(fair)
    session.flush()
    a = world.users["student_a"].student_profile
    assert a is not None
    registration = EventRegistration(event_id=fair.id, student_id=a.id, status=RegistrationStatus.REGISTERED)
    exhibitor = FairExhibitor(event_id=fair.id, organization_id=org_x.id, representatives=2)
    session.add_all([registration, exhibitor])
    session.flush()
    booked = InterviewSlot(exhibitor_id=exhibitor.id, starts_at=start, minutes=10)
    free = InterviewSlot(exhibitor_id=exhibitor.id, starts_at=start + timedelta(minutes=10), minutes=10)
    session.add_all([booked, free])
    session.flush()
    session.add(SlotBooking(slot_id=booked.id, exhibitor_id=exhibitor.id, event_id=fair.id, student_id=a.id,
                            starts_at=booked.starts_at))
    session.flush()
    # Mentoring: an open programme where X's employer mentors and A applied, and a published one with their pair.
    today = date.today()
    ids = {}
    for name, status in (("programme_open", ProgrammeStatus.OPEN),
                         ("programme_published", ProgrammeStatus.PUBLISHED)):
        programme = MentoringProgramme(
            title=name, period_start=today + timedelta(days=20), period_end=today + timedelta(days=120),
            matching_deadline=today + timedelta(days=10), status=status, programs=[program])
        programme.mentors.append(Mentor(user_id=world.users["employer_x"].id, expertise="Python", capacity=2))
        programme.mentees.append(Mentee(student_id=a.id, goals="Python"))
        session.add(programme)
        session.flush()
        ids[name] = programme.id
        if status == ProgrammeStatus.PUBLISHED:
            pair = MentoringPair(programme_id=programme.id, mentor_id=programme.mentors[0].id,
                                 mentee_id=programme.mentees[0].id, score=0.5)
            session.add(pair)
            session.flush()
            ids["pair_a"] = pair.id
    return {"event": fair.id, "registration_a": registration.id, "exhibitor_x": exhibitor.id,
            "slot_booked_a": booked.id, "slot_free": free.id, **ids}


# Which object fills a URL parameter unless a route says otherwise (see authz_table.Route.params).
DEFAULT_PARAMS = {
    "offer_id": "offer_x",
    "application_id": "application_a",
    "invitation_id": "invitation_a",
    "search_id": "search_a",
    "contract_id": "contract_x",
    "run_id": "run",
    "match_id": "match_a",
    "placement_id": "placement_a",
    "round_id": "round",
    "action": "action_open",
    "table": "report_table",
    "user_id": "user_b",
    "municipality_id": "municipality",
    "organization_id": "org_x",
    "student_id": "profile_a",
    "program_id": "program",
    "token": "token_a",
    "filename": "static_file",
    "token_id": "api_token_a",
    "name": "report_name",
    "fmt": "embed_fmt",
    "code": "municipality_code",
    "notification_id": "notification_a",
    "event_id": "event",
    "registration_id": "registration_a",
    "exhibitor_id": "exhibitor_x",
    "slot_id": "slot_booked_a",
    "programme_id": "programme_open",
    "pair_id": "pair_a",
    "council_id": "council",
    "meeting_id": "council_meeting",
    "member_id": "council_member",
}
