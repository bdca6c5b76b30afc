"""Every admin route, for every role: only admins get in; anonymous users are sent to log in."""

from __future__ import annotations

import pytest

from matchmaker.models import Role

pytestmark = pytest.mark.db


# (method, url template, status for an admin with an empty form)
ROUTES = [
    ("GET", "/admin/", 200),
    ("GET", "/admin/audit", 200),
    ("GET", "/admin/users", 200),
    ("GET", "/admin/users/new", 200),
    ("POST", "/admin/users/new", 400),
    ("POST", "/admin/users/{user}/deactivate", 302),
    ("POST", "/admin/users/{user}/reactivate", 302),
    ("GET", "/admin/programs", 200),
    ("GET", "/admin/programs/new", 200),
    ("POST", "/admin/programs/new", 400),
    ("GET", "/admin/programs/{program}/edit", 200),
    ("POST", "/admin/programs/{program}/edit", 302),  # an empty POST keeps the stored values
    ("POST", "/admin/programs/{program}/deactivate", 302),
    ("POST", "/admin/programs/{program}/activate", 302),
    ("GET", "/admin/municipalities", 200),
    ("GET", "/admin/municipalities/{municipality}/edit", 200),
    ("POST", "/admin/municipalities/{municipality}/edit", 302),
]


@pytest.fixture
def objects(factory):
    return {"user": factory.student().id, "program": factory.program().id,
            "municipality": factory.municipality().id}


def _call(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, data={})


@pytest.mark.parametrize("method, template, _ok", ROUTES)
def test_anonymous_is_sent_to_login(client, objects, method, template, _ok) -> None:
    response = _call(client, method, template.format(**objects))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.STUDENT, Role.EMPLOYER, Role.COACH])
@pytest.mark.parametrize("method, template, _ok", ROUTES)
def test_other_roles_are_refused(client, factory, login, objects, role, method, template, _ok) -> None:
    login(factory.user(role))
    assert _call(client, method, template.format(**objects)).status_code == 403


@pytest.mark.parametrize("method, template, ok", ROUTES)
def test_admin_gets_in(client, factory, login, objects, method, template, ok) -> None:
    login(factory.user(Role.ADMIN))
    assert _call(client, method, template.format(**objects)).status_code == ok


def test_refused_roles_change_nothing(client, factory, login, objects, db_session) -> None:
    from matchmaker.models import User

    login(factory.user(Role.COACH))
    client.post(f"/admin/users/{objects['user']}/deactivate")
    assert db_session.get(User, objects["user"]).active


def test_posts_without_csrf_token_are_refused(database_url, session_factory, factory, objects, db_session) -> None:
    from matchmaker.models import User
    from tests.conftest import PASSWORD, make_test_app

    client = make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True).test_client()
    admin = factory.user(Role.ADMIN)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post("/login", data={"email": admin.email, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    assert client.post(f"/admin/users/{objects['user']}/deactivate", data={}).status_code == 400
    assert client.post(f"/admin/programs/{objects['program']}/deactivate", data={}).status_code == 400
    assert db_session.get(User, objects["user"]).active
