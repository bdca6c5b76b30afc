"""The coach reports' section "Alumni: stayed in the region": consenting alumni only, those who did not say counted
apart, in both languages, with a formula-safe CSV through the reports' CSV route."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from matchmaker.models import Locale, Role
from matchmaker.services.alumni import profile as alumni
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def coach(db_session, factory):
    nursing = factory.program(name_en="Nursing", name_sv="Sjuksköterska")
    bad = factory.program(name_en=FORMULA, name_sv=FORMULA)
    stay, leave = alumni.AlumnusEdit(stayed_in_region="yes"), alumni.AlumnusEdit(stayed_in_region="no")
    make_alumnus(db_session, factory, edit=stay, program=nursing, graduated_on=date(2026, 6, 10))
    make_alumnus(db_session, factory, edit=leave, program=nursing, graduated_on=date(2025, 6, 10))
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(), program=bad, graduated_on=date(2026, 6, 10))
    # Said no, or never answered the consent question: counted nowhere.
    make_alumnus(db_session, factory, consent="no", edit=stay, program=nursing)
    make_alumnus(db_session, factory, consent=None, edit=stay, program=nursing)
    user = factory.user(Role.COACH, locale=Locale.EN)
    db_session.commit()
    return user


def test_the_section_shows_consenting_alumni_only(client, login, db_session, coach) -> None:
    login(coach)
    html = client.get("/coach/reports").get_data(as_text=True)
    assert "Alumni: stayed in the region" in html and "Self-reported" in html
    assert "1 of 2 alumni who answered stayed in the region: 50 %" in html and "1 did not say." in html
    assert 'href="/coach/reports/alumni_retention.csv"' in html
    coach.locale = Locale.SV
    db_session.commit()
    sv = client.get("/coach/reports").get_data(as_text=True)
    assert "Alumner: stannade i regionen" in sv and "1 ville inte svara." in sv


def test_the_csv_counts_per_group_and_neutralises_a_formula(client, login, coach) -> None:
    login(coach)
    response = client.get("/coach/reports/alumni_retention.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows == [
        ["group", "label", "consenting_alumni", "answered", "stayed_in_region", "did_not_say", "share_percent"],
        ["total", "All consenting alumni", "3", "2", "1", "1", "50"],
        ["program", "'" + FORMULA, "1", "0", "0", "1", ""],
        ["program", "Nursing", "2", "2", "1", "0", "50"],
        ["graduation_year", "2026", "2", "1", "1", "1", "100"],
        ["graduation_year", "2025", "1", "1", "0", "0", "0"],
    ]


def test_no_consenting_alumni_says_so(client, login, factory, db_session) -> None:
    user = factory.user(Role.COACH, locale=Locale.EN)
    db_session.commit()
    login(user)
    html = client.get("/coach/reports").get_data(as_text=True)
    assert "Alumni: stayed in the region" in html and "No consenting alumni yet." in html
    rows = list(csv.reader(io.StringIO(client.get("/coach/reports/alumni_retention.csv").data.decode("utf-8-sig"))))
    assert rows[1] == ["total", "All consenting alumni", "0", "0", "0", "0", ""]


def test_students_and_employers_cannot_download_it(client, login, factory, db_session) -> None:
    student, employer = factory.student(), factory.user(Role.EMPLOYER)
    db_session.commit()
    for who in (student, employer):
        login(who)
        assert client.get("/coach/reports/alumni_retention.csv").status_code == 403
        client.post("/logout")
