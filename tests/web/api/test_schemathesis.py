"""Fuzzing the API against its own OpenAPI description (schemathesis): no 5xx, every answer matches its schema.

The app runs with its own database (a file, seeded with a small world: offers, an application, a contract, a
placement) and is called through WSGI with an employer's and a coach's token, a bounded number of examples per
operation so the suite stays quick.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.orm import Session

from matchmaker.models import Base, Role
from matchmaker.models.database import make_engine, make_session_factory
from matchmaker.services.accounts import tokens
from matchmaker.web.api.setup import openapi_spec
from tests.conftest import Factory, make_test_app
from tests.security.world import build_world

pytestmark = pytest.mark.db
EXAMPLES = 8


def _live_app(tmp_dir: str):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_dir}/fuzz.sqlite"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    session: Session = make_session_factory(engine)()
    world = build_world(session, Factory(session))
    secrets = {role: tokens.create_token(session, world.users[role], "fuzz",
                                         list(tokens.allowed_scopes(world.users[role])), 30).secret
               for role in ("employer_x", "coach", "student_a")}
    session.commit()
    session.close()
    engine.dispose()
    return make_test_app(url, RATELIMIT_ENABLED=False), secrets


import tempfile  # noqa: E402

_TMP = tempfile.mkdtemp(prefix="matchmaker-fuzz-")
APP, TOKENS = _live_app(_TMP)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


def test_the_description_is_valid_openapi_3_1() -> None:
    with APP.test_request_context():
        spec = openapi_spec(APP)
    assert spec["openapi"] == "3.1.0"
    validate(spec)


@pytest.mark.parametrize("role", ["employer_x", "coach", "student_a"])
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_description(case, role) -> None:  # type: ignore[no-untyped-def]
    # Schema-valid data may still be refused by the services' rules (a stale If-Match: 412; a deadline already
    # past, an unknown program: 422), so schemathesis' "valid data is accepted" heuristic does not apply; every
    # other check does (no 5xx, status codes, content types and bodies as documented).
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKENS[role]}"},
                           excluded_checks=[positive_data_acceptance])


__all__ = ["Role"]
