"""Bulk import of offers (preview, all or nothing) and the JobTech JobAd export."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import Offer, OfferStatus, Role, utcnow

pytestmark = pytest.mark.db

DEADLINE = (date.today() + timedelta(days=30)).isoformat()
HEADER = "kind,title,description,skills,municipality_code,remote,places,application_deadline\n"


def upload(client, text: str, name: str = "offers.csv", **extra):
    return client.post("/offers/import", data={"file": (io.BytesIO(text.encode()), name), **extra},
                       content_type="multipart/form-data")


def count(session) -> int:
    return session.scalar(select(func.count(Offer.id))) or 0


def test_a_bad_csv_is_refused_with_line_numbers_and_nothing_saved(client, factory, login, db_session) -> None:
    login(factory.user(Role.EMPLOYER))
    before = count(db_session)
    text = (HEADER + f"degree_project,Exjobb A,Bra jobb,python;sql,,no,1,{DEADLINE}\n"
            f"rocket,Exjobb B,Bra,python,,maybe,two,2001-01-01\n"
            f"internship,,Beskrivning,,9999,yes,1,{DEADLINE}\n")
    response = upload(client, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<td>3</td>" in page and "<td>4</td>" in page and "kind" in page and "places" in page
    assert "municipality_code" in page and "Nothing was saved" in page
    assert count(db_session) == before
    forced = client.post("/offers/import", data={"action": "save", "filename": "offers.csv",
                                                 "content": __import__("base64").b64encode(text.encode()).decode()})
    assert forced.status_code == 400 and count(db_session) == before


def test_a_good_file_is_previewed_then_saved_as_drafts(client, factory, login, db_session) -> None:
    employer = factory.user(Role.EMPLOYER)
    factory.municipality("Härnösand", code="2280")
    login(employer)
    text = HEADER + f"degree_project,Exjobb A,Bra jobb,python;sql,2280,no,2,{DEADLINE}\n" + \
        f"internship,Praktik B,Praktik hos oss,,,yes,1,{DEADLINE}\n"
    preview = upload(client, text)
    assert preview.status_code == 200 and b"Save 2 offers as drafts" in preview.data
    assert count(db_session) == 0 or db_session.scalar(select(func.count(Offer.id)).where(
        Offer.organization_id == employer.organization_id)) == 0
    saved = upload(client, text, action="save")
    assert saved.status_code == 303
    mine = list(db_session.scalars(select(Offer).where(Offer.organization_id == employer.organization_id)))
    assert sorted(o.title for o in mine) == ["Exjobb A", "Praktik B"]
    assert all(o.status == OfferStatus.DRAFT for o in mine)
    assert next(o for o in mine if o.title == "Exjobb A").skills == ["python", "sql"]


def test_json_import_by_a_coach_names_the_organisation(client, factory, login, db_session) -> None:
    org = factory.organization()
    login(factory.user(Role.COACH))
    rows = [{"kind": "job", "title": "Jobb", "description": "Ett jobb", "application_deadline": DEADLINE,
             "organization_number": org.org_number}]
    assert upload(client, json.dumps(rows), "offers.json", action="save").status_code == 303
    assert db_session.scalar(select(Offer.title).where(Offer.organization_id == org.id)) == "Jobb"
    unknown = upload(client, json.dumps([{**rows[0], "organization_number": "556677-8899"}]), "o.json")
    assert unknown.status_code == 400 and b"organization_number" in unknown.data


def test_students_cannot_import(client, factory, login) -> None:
    login(factory.student())
    assert client.get("/offers/import").status_code == 403


def test_jobtech_export_uses_jobad_field_names(client, factory, login) -> None:
    employer = factory.user(Role.EMPLOYER)
    place = factory.municipality("Sollefteå", code="2283")
    factory.offer(employer.organization, municipality=place, title="Trainee", places=3, published_at=utcnow(),
                  skills=["ledarskap"])
    factory.offer(title="Annans")
    login(employer)
    ads = client.get("/offers/export/jobtech.json").get_json()
    assert [a["headline"] for a in ads] == ["Trainee"]
    ad = ads[0]
    assert {"id", "external_id", "headline", "description", "employment_type", "occupation", "employer",
            "workplace_address", "application_deadline", "publication_date", "number_of_vacancies",
            "application_details", "webpage_url", "must_have"} <= set(ad)
    assert ad["workplace_address"]["municipality_code"] == "2283" and ad["number_of_vacancies"] == 3
    assert ad["employer"]["organization_number"] == employer.organization.org_number.replace("-", "")
    assert ad["must_have"]["skills"] == [{"concept_id": None, "label": "ledarskap"}]
