"""Each role reaches its own area and is refused elsewhere; anonymous users are sent to log in."""

from __future__ import annotations

import pytest

from matchmaker.models import Role

pytestmark = pytest.mark.db

AREAS = ["/student/", "/employer/", "/coach/", "/admin/"]


@pytest.mark.parametrize("area", AREAS)
def test_anonymous_is_redirected_to_login(client, area) -> None:
    response = client.get(area)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", list(Role))
def test_role_reaches_own_area_and_is_refused_elsewhere(client, factory, login, role) -> None:
    login(factory.user(role))
    for area in AREAS:
        expected = 200 if area == f"/{role.value}/" else 403
        assert client.get(area).status_code == expected, area


def test_public_pages_are_open_to_everyone(client) -> None:
    for path in ("/", "/login", "/register", "/privacy", "/healthz"):
        assert client.get(path).status_code == 200, path
