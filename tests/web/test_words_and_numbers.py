"""Words and numbers on the pages: plural forms, terms with their season, whole expected places, empty charts,
and pages past the last one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from matchmaker.models import Placement
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_contract_counts_use_plural_forms_and_whole_expected_places(client, login, factory, db_session,
                                                                    people) -> None:
    today = date.today()
    contract = make_contract(db_session, people["org_x"], factory.program(), start=today - timedelta(days=50),
                             end=today + timedelta(days=49), count=6)
    factory.offer(people["org_x"], commitment=contract.commitments[0], places=1, published_at=datetime.now(UTC))
    login(people["coach"])
    text = _text(client.get(f"/coach/contracts/{contract.id}").get_data(as_text=True))
    assert "1 erbjudande (1 plats)" in text and "1 platser" not in text
    # 6 places x 51 of 100 days = 3.06: four whole places expected by today, never "3.06".
    assert "4 platser" in text and "3.06" not in text
    client.post("/lang", data={"lang": "en"})
    text = _text(client.get(f"/coach/contracts/{contract.id}").get_data(as_text=True))
    assert "1 offer (1 place)" in text and "4 places" in text and "rounded up to whole places" in text


def test_one_placement_is_singular_and_a_summer_term_says_summer(client, login, factory, db_session,
                                                                 people) -> None:
    offer = factory.offer(people["org_x"], title="Sommarpraktik")
    db_session.add(Placement(student_id=people["student_a"].student_profile.id, offer_id=offer.id,
                             period_start=date(2027, 6, 14), term="SO2027"))
    db_session.flush()
    login(people["coach"])
    text = _text(client.get("/coach/placements").get_data(as_text=True))
    assert "1 placering " in text and "1 placeringar" not in text
    assert "SO2027 (sommar)" in text and "VT2027" not in text
    client.post("/lang", data={"lang": "en"})
    text = _text(client.get("/coach/placements").get_data(as_text=True))
    assert "1 placement " in text and "SO2027 (summer)" in text


def test_a_chart_without_data_says_so_instead_of_drawing_an_axis(client, login, people) -> None:
    login(people["coach"])
    html = client.get("/coach/reports").get_data(as_text=True)
    funnel = html[html.index("Från rekommendation till placering"):]
    funnel = funnel[:funnel.index("</section>")]
    assert "Inga uppgifter än." in funnel and "<svg" not in funnel
    client.post("/lang", data={"lang": "en"})
    html = client.get("/coach/reports").get_data(as_text=True)
    assert "No data yet." in html


def test_pages_past_the_last_go_to_the_last_page_with_the_same_filters(client, login, factory, people) -> None:
    org = factory.organization()
    for n in range(25):
        factory.offer(org, title=f"Dataanalys {n}")
    response = client.get("/offers?q=dataanalys&page=99")
    assert response.status_code == 302
    assert response.headers["Location"] == "/offers?q=dataanalys&page=2"
    text = _text(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Sida 2 av 2" in text and "25 erbjudanden" in text
    login(people["admin"])
    response = client.get("/admin/audit?page=500")
    assert response.status_code == 302 and response.headers["Location"].endswith("page=1")
    assert client.get("/admin/audit?page=1").status_code == 200


def test_employers_read_study_programs_by_their_names_not_their_slugs(client, login, factory, people) -> None:
    program = factory.program("systemvetenskap", name_sv="Systemvetenskapliga programmet",
                              name_en="Information Systems Programme")
    offer = factory.offer(people["org_x"], title="Exjobb", programs=[program])
    login(people["employer_x"])
    text = _text(client.get(f"/employer/offers/{offer.id}").get_data(as_text=True))
    assert "Systemvetenskapliga programmet" in text and "systemvetenskap " not in text + " "
    client.post("/lang", data={"lang": "en"})
    text = _text(client.get(f"/employer/offers/{offer.id}").get_data(as_text=True))
    assert "Information Systems Programme" in text
