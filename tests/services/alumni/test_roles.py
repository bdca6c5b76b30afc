"""The alumnus role in the account rules: only graduation makes one, inactive alumni are flagged like students."""

from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role, utcnow
from matchmaker.services.accounts import privacy, tokens
from matchmaker.services.admin import accounts as admin_accounts
from matchmaker.services.admin import users as admin_users
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


def test_an_admin_neither_creates_an_alumnus_nor_turns_anyone_into_one(db_session, factory) -> None:
    admin = factory.user(Role.ADMIN)
    with pytest.raises(ValidationError) as caught:
        admin_users.create_user(db_session, admin, email="ny@example.org", password="ett långt lösenord 123",
                                role="alumnus", display_name="Ny")
    assert "role" in caught.value.errors
    student, alumnus = factory.student(), make_alumnus(db_session, factory)
    for target, role in ((student, "alumnus"), (alumnus, "student"), (alumnus, "coach")):
        edit = admin_accounts.AccountEdit(display_name=target.display_name, email=target.email, role=role,
                                          organization_id=None, active=True)
        with pytest.raises(ValidationError) as caught:
            admin_accounts.update_account(db_session, admin, target.id, edit)
        assert "role" in caught.value.errors
    assert (student.role, alumnus.role) == (Role.STUDENT, Role.ALUMNUS)


def test_inactive_alumni_are_flagged_for_deletion(db_session, factory) -> None:
    alumnus = make_alumnus(db_session, factory)
    alumnus.last_login_at = utcnow() - timedelta(days=800)
    privacy.flag_inactive(db_session)
    assert alumnus.flagged_for_deletion_at is not None


def test_an_alumnus_may_make_a_read_only_api_token(db_session, factory) -> None:
    alumnus = make_alumnus(db_session, factory)
    assert tokens.create_token(db_session, alumnus, "mine", ["offers:read"], 30).token
    with pytest.raises(ValidationError):
        tokens.create_token(db_session, alumnus, "write", ["offers:write"], 30)
