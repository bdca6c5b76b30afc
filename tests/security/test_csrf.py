"""CSRF protection on every form."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, make_test_app

pytestmark = pytest.mark.db


@pytest.fixture
def csrf_client(database_url, session_factory):
    return make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True).test_client()


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no csrf token in page"
    return match.group(1)


def test_login_post_without_token_is_refused(csrf_client, factory) -> None:
    user = factory.student()
    response = csrf_client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert csrf_client.get("/student/").status_code == 302  # not logged in


def test_login_post_with_token_is_accepted(csrf_client, factory) -> None:
    user = factory.student()
    token = _token(csrf_client.get("/login").get_data(as_text=True))
    response = csrf_client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/register", "/lang", "/logout", "/account/password"])
def test_other_posts_without_token_are_refused(csrf_client, path) -> None:
    assert csrf_client.post(path, data={"lang": "en"}).status_code == 400
