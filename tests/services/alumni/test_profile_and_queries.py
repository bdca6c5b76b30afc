"""The alumnus's consent and profile, and what coaches and employers see: only consenting alumni, ever."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.core.errors import Forbidden, ValidationError
from matchmaker.models import Role
from matchmaker.services.alumni import profile as alumni
from matchmaker.services.alumni import queries
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


def test_consent_answer_must_be_yes_or_no(db_session, factory) -> None:
    user = make_alumnus(db_session, factory, consent=None)
    with pytest.raises(ValidationError) as caught:
        alumni.answer_consent(db_session, user, "maybe")
    assert "answer" in caught.value.errors
    assert alumni.needs_consent_answer(alumni.profile_of(db_session, user))
    alumni.answer_consent(db_session, user, "no")
    row = alumni.profile_of(db_session, user)
    assert not alumni.needs_consent_answer(row) and not row.consent_given and row.consent_at is None


def test_bad_profile_input_is_refused_per_field_and_changes_nothing(db_session, factory) -> None:
    unverified = factory.organization(verified=False)
    user = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Sundsvalls kommun"))
    bad = alumni.AlumnusEdit(employer_name="x" * 201, organization_id=unverified.id, municipality_id=0,
                             stayed_in_region="perhaps", contact_for_employer=True)
    with pytest.raises(ValidationError) as caught:
        alumni.update_profile(db_session, user, bad)
    assert set(caught.value.errors) == {"employer_name", "organization_id", "municipality_id", "stayed_in_region"}
    with pytest.raises(ValidationError) as caught:
        alumni.update_profile(db_session, user, alumni.AlumnusEdit(contact_for_employer=True))
    assert set(caught.value.errors) == {"contact_for_employer"}
    row = alumni.profile_of(db_session, user)
    assert row.employer_name == "Sundsvalls kommun" and not row.contact_for_employer


def test_the_organisation_names_the_employer_when_no_name_is_given(db_session, factory) -> None:
    org = factory.organization(name="Mittbygdens Energi AB")
    municipality = factory.municipality()
    user = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(
        organization_id=org.id, municipality_id=municipality.id, stayed_in_region="yes", contact_for_employer=True))
    row = alumni.profile_of(db_session, user)
    assert (row.employer_name, row.stayed_in_region, row.municipality_id) == ("Mittbygdens Energi AB", True,
                                                                              municipality.id)
    assert alumni.edit_of(row).stayed_in_region == "yes"


def test_a_student_has_no_alumni_profile(db_session, factory) -> None:
    with pytest.raises(Forbidden):
        alumni.profile_of(db_session, factory.student())


def test_retention_counts_only_consenting_alumni(db_session, factory) -> None:
    nursing, it = factory.program(name_en="Nursing"), factory.program(name_en="Computer engineering")
    stay, leave = alumni.AlumnusEdit(stayed_in_region="yes"), alumni.AlumnusEdit(stayed_in_region="no")
    make_alumnus(db_session, factory, edit=stay, program=nursing, graduated_on=date(2026, 6, 10))
    make_alumnus(db_session, factory, edit=stay, program=nursing, graduated_on=date(2025, 6, 10))
    make_alumnus(db_session, factory, edit=leave, program=it, graduated_on=date(2026, 6, 10))
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(), program=it)  # consented, did not say
    # These told us too, but said no or never answered: they must count nowhere.
    make_alumnus(db_session, factory, consent="no", edit=leave, program=nursing)
    make_alumnus(db_session, factory, consent=None, edit=leave, program=it)
    summary = queries.retention(db_session, "en")
    assert (summary.total.alumni, summary.total.answered, summary.total.stayed, summary.total.share) == (4, 3, 2, 67)
    by_program = {r.label: (r.alumni, r.answered, r.stayed, r.share) for r in summary.by_program}
    assert by_program == {"Nursing": (2, 2, 2, 100), "Computer engineering": (2, 1, 0, 0)}
    assert [(r.label, r.alumni) for r in summary.by_year] == [("2026", 3), ("2025", 1)]
    assert len(queries.consenting_alumni(db_session)) == 4


def test_withdrawing_consent_hides_the_alumnus_everywhere(db_session, factory) -> None:
    org = factory.organization()
    staff = factory.user(Role.EMPLOYER, organization=org)
    user = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(
        organization_id=org.id, contact_for_employer=True, open_to_speaking=True))
    assert [a.user_id for a in queries.contacts_for(db_session, staff)] == [user.id]
    assert [a.user_id for a in queries.speakers(db_session)] == [user.id]
    alumni.answer_consent(db_session, user, "no")
    assert queries.contacts_for(db_session, staff) == [] and queries.speakers(db_session) == []
    assert queries.retention(db_session, "en").total.alumni == 0


def test_employers_see_only_their_own_verified_organisations_contacts(db_session, factory) -> None:
    org, other, unverified = factory.organization(), factory.organization(), factory.organization()
    mine = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=org.id,
                                                                     contact_for_employer=True))
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=org.id))  # works there, no contact
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=other.id, contact_for_employer=True))
    staff = factory.user(Role.EMPLOYER, organization=org)
    assert [a.user_id for a in queries.contacts_for(db_session, staff)] == [mine.id]
    # An organisation that loses its verification sees nobody.
    unverified_staff = factory.user(Role.EMPLOYER, organization=unverified)
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=unverified.id,
                                                              contact_for_employer=True))
    unverified.verified = False
    assert queries.contacts_for(db_session, unverified_staff) == []
    assert queries.contacts_for(db_session, factory.user(Role.COACH)) == []


def test_csv_lists_consenting_alumni_only(db_session, factory) -> None:
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Region Västernorrland",
                                                              stayed_in_region="yes"), name="Ada")
    hidden = make_alumnus(db_session, factory, consent="no", edit=alumni.AlumnusEdit(employer_name="Hemligt AB"))
    body = queries.alumni_csv(db_session, "sv", ["Namn", "E-post"], lambda v: "" if v is None else "ja" * v or "nej")
    text = body.decode("utf-8-sig")
    assert "Region Västernorrland" in text and "ja" in text
    assert "Hemligt AB" not in text and hidden.email not in text
