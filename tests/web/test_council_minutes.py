"""Members of a programme council read its minutes (employers of a represented, verified organisation and linked
students); anyone else gets 404, an unverified organisation 403 with the explanation."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.models import CouncilMeeting, CouncilMember, MemberKind, ProgrammeCouncil, Role

pytestmark = pytest.mark.db


@pytest.fixture
def council(db_session, factory):
    org = factory.organization(name="Medlemsbolaget AB")
    council = ProgrammeCouncil(program_id=factory.program().id, name="Branschråd data", goal_meetings_per_year=2)
    rep = CouncilMember(kind=MemberKind.EMPLOYER_REPRESENTATIVE, name="Rep", organization_id=org.id)
    council.members.append(rep)
    db_session.add(council)
    db_session.flush()
    db_session.add(CouncilMeeting(council_id=council.id, title="Vårmöte", held_on=date.today(),
                                  notes="Hemliga anteckningar", decisions="Beslut A", attendees=[rep]))
    db_session.flush()
    return council, org


def test_employer_of_a_member_organisation_reads_the_minutes(client, login, factory, council) -> None:
    found, org = council
    login(factory.user(Role.EMPLOYER, organization=org))
    listing = client.get("/employer/councils").get_data(as_text=True)
    assert "Branschråd data" in listing and "Vårmöte" in listing
    page = client.get(f"/employer/councils/{found.id}/meetings/{found.meetings[0].id}")
    assert page.status_code == 200 and "Hemliga anteckningar" in page.get_data(as_text=True)


def test_employer_outside_the_council_gets_404(client, login, factory, council) -> None:
    found, _org = council
    login(factory.user(Role.EMPLOYER))
    assert "Hemliga" not in client.get("/employer/councils").get_data(as_text=True)
    assert client.get(f"/employer/councils/{found.id}/meetings/{found.meetings[0].id}").status_code == 404


def test_unverified_member_organisation_is_refused_with_the_reason(client, login, db_session, factory,
                                                                    council) -> None:
    found, org = council
    org.verified = False
    db_session.flush()
    login(factory.user(Role.EMPLOYER, organization=org))
    page = client.get(f"/employer/councils/{found.id}/meetings/{found.meetings[0].id}")
    assert page.status_code == 403 and "inte verifierad än" in page.get_data(as_text=True)


def test_student_member_reads_in_english_and_others_do_not(client, login, db_session, factory, council) -> None:
    found, _org = council
    member, other = factory.student(), factory.student()
    found.members.append(CouncilMember(kind=MemberKind.STUDENT, name="Stina", user_id=member.id))
    db_session.flush()
    url = f"/student/councils/{found.id}/meetings/{found.meetings[0].id}"
    login(other)
    assert "Du är inte ledamot i något branschråd." in client.get("/student/councils").get_data(as_text=True)
    assert client.get(url).status_code == 404
    client.post("/logout")
    login(member)
    client.post("/lang", data={"lang": "en"})
    page = client.get(url).get_data(as_text=True)
    assert "Minutes of the programme council, for its members." in page and "Beslut A" in page
