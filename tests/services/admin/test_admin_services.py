"""Admin services: names of audited objects, account edits, organisation merge and deactivation."""

from __future__ import annotations

import pytest

from matchmaker.core import audit
from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.admin import accounts, organizations
from matchmaker.services.admin.audit_trail import object_names

pytestmark = pytest.mark.db


def test_object_names_are_current_and_missing_for_deleted_objects(db_session, factory) -> None:
    admin = factory.user(Role.ADMIN)
    org = factory.organization("Fjällbygdens Turism AB")
    offer = factory.offer(org, title="Guidepraktik")
    events = [audit.record(db_session, admin, "organization.verify", org),
              audit.record(db_session, admin, "offer.approve", offer),
              audit.record(db_session, admin, "user.create", admin)]
    gone = factory.organization("Borta AB")
    events.append(audit.record(db_session, admin, "organization.update", gone))
    db_session.delete(gone)
    db_session.flush()
    names = object_names(db_session, events)
    assert names[("Organization", str(org.id))] == "Fjällbygdens Turism AB"
    assert names[("Offer", str(offer.id))] == "Guidepraktik"
    assert names[("User", str(admin.id))] == admin.display_name
    assert ("Organization", events[3].object_id) not in names


def test_an_account_edit_with_a_taken_address_changes_nothing(db_session, factory) -> None:
    admin = factory.user(Role.ADMIN)
    coach = factory.user(Role.COACH)
    other = factory.user(Role.COACH)
    edit = accounts.AccountEdit(display_name="X", email=other.email, role="admin", organization_id=None, active=True)
    with pytest.raises(ValidationError) as caught:
        accounts.update_account(db_session, admin, coach.id, edit)
    assert caught.value.errors == {"email": "is already registered"}
    assert coach.role == Role.COACH and coach.display_name != "X"


def test_merge_refuses_the_same_organisation_and_keeps_verification(db_session, factory) -> None:
    admin = factory.user(Role.ADMIN)
    keep = factory.organization(verified=False)
    duplicate = factory.organization(verified=True)
    with pytest.raises(ValidationError):
        organizations.merge(db_session, admin, keep.id, keep.id)
    moved = organizations.merge(db_session, admin, keep.id, duplicate.id)
    assert moved == organizations.MergeCounts(0, 0, 0)
    assert organizations.get_organization(db_session, keep.id).verified
