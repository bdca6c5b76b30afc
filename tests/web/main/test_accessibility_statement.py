"""The accessibility statement in DIGG's form at both addresses and languages, and its report form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matchmaker.models import AuditEvent, Locale, OutboxMail, Role

pytestmark = pytest.mark.db

SV = {"Accept-Language": "sv"}
EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("path", ["/tillganglighet", "/accessibility"])
def test_the_statement_has_digg_s_parts_in_swedish(client, path) -> None:
    html = client.get(path, headers=SV).get_data(as_text=True)
    assert '<html lang="sv">' in html
    for part in ("Tillgänglighetsredogörelse för Matchmaker", "delvis förenlig med lagen om tillgänglighet",
                 "Innehåll som inte är tillgängligt", "Rapportera brister", "Tillsyn",
                 "Myndigheten för digital förvaltning (Digg)", "Senaste bedömningen gjordes den"):
        assert part in html, part
    assert "digg.se" in html


def test_the_statement_in_english_names_status_gaps_supervisor_and_review_date(client) -> None:
    html = client.get("/accessibility", headers=EN).get_data(as_text=True)
    assert '<html lang="en">' in html
    for part in ("partially compliant", "Content that is not accessible", "/api/v1/docs",
                 "Agency for Digital Government (Digg)", "The latest review was made on", "December 2, 2026"):
        assert part in html, part


@pytest.mark.parametrize(("headers", "href", "label"), [(SV, "/tillganglighet", "Tillgänglighet"),
                                                         (EN, "/accessibility", "Accessibility")])
def test_every_page_links_the_statement_in_the_footer(client, headers, href, label) -> None:
    for path in ("/", "/offers", "/login"):
        html = client.get(path, headers=headers).get_data(as_text=True)
        footer = html[html.index('<footer'):]
        assert f'<a href="{href}">{label}</a>' in footer, path


def test_a_report_reaches_the_admins_and_thanks_the_reporter(client, factory, db_session) -> None:
    factory.user(Role.ADMIN, email="admin@example.org", locale=Locale.EN)
    response = client.post("/accessibility", headers=EN, data={
        "page": "/offers", "problem": "The filters cannot be opened with the keyboard.", "email": "me@example.org"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/accessibility")
    mail = db_session.scalars(select(OutboxMail)).one()
    assert mail.to_address == "admin@example.org" and "cannot be opened with the keyboard" in mail.body
    assert "me@example.org" in mail.body
    assert db_session.scalars(select(AuditEvent).where(AuditEvent.action == "accessibility.report")).one()
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Your report has been sent to the administrators." in page


def test_an_empty_report_shows_a_focused_error_summary_linked_to_the_field_and_keeps_the_input(
    client, factory, db_session
) -> None:
    factory.user(Role.ADMIN, email="admin@example.org")
    response = client.post("/tillganglighet", headers=SV, data={"page": "/coach/reports", "problem": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary"[^>]*>', html)
    assert summary and "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    assert '<a href="#problem">Vad är problemet?: Beskriv problemet</a>' in html
    assert re.search(r'<textarea[^>]*aria-describedby="problem-error"', html)
    assert 'id="problem-error"' in html
    assert 'value="/coach/reports"' in html  # what was typed is kept
    assert db_session.scalars(select(OutboxMail)).all() == []
