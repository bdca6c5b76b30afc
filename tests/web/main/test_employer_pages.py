"""Public employer pages with their open offers and Kompetenskontrakt status; logos uploaded by employers."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html import unescape

import pytest
from PIL import Image

from matchmaker.models import ContractStatus, OfferStatus, Role
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def logo_dir(app, tmp_path):
    app.config["LOGO_DIR"] = str(tmp_path)
    return tmp_path


def test_the_public_page_lists_open_offers_and_the_contract_in_both_languages(client, factory, db_session) -> None:
    org = factory.organization("Älvdalens Trä AB", description="Vi förädlar trä.")
    factory.offer(org, title="Exjobb om limträ")
    factory.offer(org, title="Gammalt utkast", status=OfferStatus.DRAFT)
    factory.offer(org, title="Utgånget", application_deadline=date.today() - timedelta(days=1))
    program = factory.program()
    make_contract(db_session, org, program, start=date.today() - timedelta(days=10),
                  end=date.today() + timedelta(days=100))
    page = client.get(f"/organizations/{org.id}")
    assert page.status_code == 200
    text = _text(page.get_data(as_text=True))
    assert "Älvdalens Trä AB" in text and "Exjobb om limträ" in text and "1 öppet erbjudande" in text
    assert "Gammalt utkast" not in text and "Utgånget" not in text
    assert "Kompetenskontrakt till och med" in text and "Verifierad av universitetets karriärvägledare" in text
    client.post("/lang", data={"lang": "en"})
    text = _text(client.get(f"/organizations/{org.id}").get_data(as_text=True))
    assert "1 open offer" in text and "Kompetenskontrakt until" in text


def test_without_a_contract_the_page_says_so_and_offer_pages_link_to_it(client, factory, db_session) -> None:
    org = factory.organization("Utan Avtal AB", verified=False)
    offer = factory.offer(org, title="Sommarjobb")
    make_contract(db_session, org, factory.program(), status=ContractStatus.DRAFT)
    text = _text(client.get(f"/organizations/{org.id}").get_data(as_text=True))
    assert "Inget Kompetenskontrakt just nu" in text and "Inte verifierad än" in text
    html = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert f'href="/organizations/{org.id}"' in html
    assert f'href="/organizations/{org.id}"' in client.get("/offers").get_data(as_text=True)


def test_a_deactivated_organisation_has_no_page(client, factory) -> None:
    org = factory.organization(active=False)
    assert client.get(f"/organizations/{org.id}").status_code == 404
    assert client.get("/organizations/999999").status_code == 404


def test_an_employer_uploads_a_logo_that_the_public_page_shows(client, login, factory, logo_dir) -> None:
    employer = factory.user(Role.EMPLOYER)
    org_id = employer.organization_id
    login(employer)
    assert client.get(f"/organizations/{org_id}/logo").status_code == 404
    picture = io.BytesIO()
    Image.new("RGB", (300, 300), (10, 61, 110)).save(picture, format="PNG")
    response = client.post("/employer/organization/logo", content_type="multipart/form-data",
                           data={"logo": (io.BytesIO(picture.getvalue()), "logo.png", "image/png")})
    assert response.status_code == 302
    with client.get(f"/organizations/{org_id}/logo") as logo:
        assert logo.status_code == 200 and logo.mimetype == "image/png" and logo.data.startswith(b"\x89PNG")
    assert f'src="/organizations/{org_id}/logo"' in client.get(f"/organizations/{org_id}").get_data(as_text=True)
    # A file that is not what it claims is refused with the reason, and the old logo stays.
    refused = client.post("/employer/organization/logo", content_type="multipart/form-data",
                          data={"logo": (io.BytesIO(b"<svg/>"), "x.png", "image/png")}, follow_redirects=True)
    assert "gick inte att läsa som en bild" in refused.get_data(as_text=True)
    with client.get(f"/organizations/{org_id}/logo") as still:
        assert still.status_code == 200
    assert len(list(logo_dir.iterdir())) == 1
    assert client.post("/employer/organization/logo/remove").status_code == 302
    assert client.get(f"/organizations/{org_id}/logo").status_code == 404 and not any(logo_dir.iterdir())


def test_the_pages_carry_the_brand(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "/static/css/brand.css" in html and 'class="brand-mark"' in html
    with client.get("/static/img/logo.svg") as svg:
        assert svg.status_code == 200 and b"<svg" in svg.data
    with client.get("/static/css/brand.css") as css:
        assert "--step-1" in css.get_data(as_text=True) and "--brand-ink" in css.get_data(as_text=True)
