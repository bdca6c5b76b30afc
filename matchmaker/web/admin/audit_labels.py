"""The audit trail in words: translated action names, object kinds and links, details as labelled fields."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..labels import APPLICATION_STATUSES, OFFER_STATUSES
from .forms import ROLE_LABELS

ACTIONS = {
    "allocation.add_offer": _l("Offer added to an allocation round"),
    "allocation.add_students": _l("Students added to an allocation round"),
    "allocation.create": _l("Allocation round created"),
    "allocation.employer_rank": _l("Employer ranked students"),
    "allocation.move": _l("Student moved in an allocation round"),
    "allocation.open": _l("Allocation round opened"),
    "allocation.publish": _l("Allocation round published"),
    "allocation.remove_offer": _l("Offer removed from an allocation round"),
    "allocation.remove_student": _l("Student removed from an allocation round"),
    "allocation.run": _l("Allocation run"),
    "allocation.student_rank": _l("Student ranked offers"),
    "api.scope_refused": _l("API call refused (scope)"),
    "api.token_refused": _l("API key refused"),
    "application.create": _l("Application sent"),
    "application.notes": _l("Notes on an application changed"),
    "application.status": _l("Application moved"),
    "application.withdraw": _l("Application withdrawn"),
    "contract.create": _l("Contract created"),
    "contract.update": _l("Contract changed"),
    "invitation.create": _l("Invitation to apply sent"),
    "invitation.accepted": _l("Invitation accepted"),
    "invitation.declined": _l("Invitation declined"),
    "match.dismiss": _l("Match dismissed"),
    "match.note": _l("Note on a match changed"),
    "match.recommend": _l("Match recommended"),
    "matching.run_cancelled": _l("Matching run cancelled"),
    "matching.run_failed": _l("Matching run failed"),
    "matching.run_start": _l("Matching run started"),
    "matching.run_succeeded": _l("Matching run finished"),
    "municipality.update": _l("Municipality changed"),
    "offer.approve": _l("Offer approved"),
    "offer.closed": _l("Offer closed"),
    "offer.filled": _l("Offer marked as filled"),
    "offer.published": _l("Offer published again"),
    "offer.create": _l("Offer created"),
    "offer.dismiss": _l("Offer flag dismissed"),
    "offer.import": _l("Offers imported"),
    "offer.reject": _l("Offer rejected"),
    "offer.request_changes": _l("Changes requested on an offer"),
    "offer.submit": _l("Offer sent for review"),
    "offer.update": _l("Offer changed"),
    "offers.expire": _l("Offers expired"),
    "organization.add_member": _l("Colleague added to an organisation"),
    "organization.deactivate": _l("Organisation deactivated"),
    "organization.merge": _l("Duplicate organisation merged"),
    "organization.reactivate": _l("Organisation reactivated"),
    "organization.update": _l("Organisation profile changed"),
    "organization.logo": _l("Organisation logo changed"),
    "organization.verify": _l("Organisation verified"),
    "placement.completed": _l("Placement completion marked"),
    "placement.employer_feedback": _l("Employer gave feedback on a placement"),
    "placement.stayed_in_region": _l("Placement: stayed in the region marked"),
    "placement.student_feedback": _l("Student gave feedback on a placement"),
    "profile.consent": _l("Student became visible to employers"),
    "profile.consent_withdrawn": _l("Student withdrew visibility to employers"),
    "profile.update": _l("Profile changed"),
    "program.activate": _l("Study program activated"),
    "program.create": _l("Study program created"),
    "program.deactivate": _l("Study program deactivated"),
    "program.update": _l("Study program changed"),
    "saved_search.create": _l("Search saved"),
    "saved_search.delete": _l("Saved search deleted"),
    "sso.created_student": _l("University login: student account created"),
    "sso.linked": _l("University login linked to an account"),
    "sso.refused": _l("University login refused"),
    "sso.signed_in": _l("Logged in with the university login"),
    "sso.staff_pending": _l("University login: staff waiting for an admin"),
    "token.create": _l("API key created"),
    "token.revoke": _l("API key revoked"),
    "user.create": _l("Account created"),
    "user.deactivate": _l("Account deactivated"),
    "user.erased": _l("Account erased"),
    "user.flagged_inactive": _l("Account flagged as inactive"),
    "user.login": _l("Logged in"),
    "user.login_failed": _l("Failed login"),
    "user.password_change": _l("Password changed"),
    "user.password_reset": _l("Password reset"),
    "user.password_reset_requested": _l("Password reset requested"),
    "user.password_reset_sent": _l("Password reset link sent by an admin"),
    "user.reactivate": _l("Account reactivated"),
    "user.register": _l("Account registered"),
    "user.set_organization": _l("Account linked to an organisation"),
    "user.update": _l("Account changed by an admin"),
}
OBJECT_KINDS = {
    "User": _l("Account"), "Organization": _l("Organisation"), "Offer": _l("Offer"),
    "CompetenceContract": _l("Contract"), "StudyProgram": _l("Study program"), "Municipality": _l("Municipality"),
    "AllocationRound": _l("Allocation round"), "StudentProfile": _l("Student profile"),
    "Application": _l("Application"), "Invitation": _l("Invitation"), "Placement": _l("Placement"),
    "MatchRun": _l("Matching run"), "MatchSuggestion": _l("Match"), "ApiToken": _l("API key"),
    "SavedSearch": _l("Saved search"), "SsoIdentity": _l("University login"),
}
# Where an admin can look at the object (the others have no admin page).
_LINKS = {
    "User": ("admin.edit_user", "user_id"), "Organization": ("admin.organization", "organization_id"),
    "Offer": ("main.offer_detail", "offer_id"), "StudyProgram": ("admin.edit_program", "program_id"),
    "Municipality": ("admin.edit_municipality", "municipality_id"),
}
FIELDS = {
    "added": _l("Added"), "address": _l("Address"), "after": _l("After"), "back_to_review": _l("Back to review"),
    "before": _l("Before"), "changed": _l("Changed"), "choices": _l("Choices"), "comment": _l("Comment"),
    "completed": _l("Completed"), "count": _l("Number"), "days": _l("Days"), "done": _l("Done"),
    "email": _l("Email"), "endpoint": _l("Page"), "error": _l("Error"), "filename": _l("File"), "how": _l("How"),
    "idp": _l("Identity provider"), "k": _l("Matches per student"), "known": _l("Known address"),
    "length": _l("Length"), "lines": _l("Lines"), "matches": _l("Matches"), "max_choices": _l("Choices at most"),
    "name": _l("Name"), "offer_id": _l("Offer"), "offer_ids": _l("Offers"), "organization_id": _l("Organisation"),
    "path": _l("Path"), "placed": _l("Placed"), "placements": _l("Placements"), "places": _l("Places"),
    "previous": _l("Previous status"), "principal": _l("User name"), "ranked": _l("Ranked"),
    "reason": _l("Reason"), "role": _l("Role"), "scopes": _l("Permissions"), "search_id": _l("Saved search"),
    "seconds": _l("Seconds"), "slug": _l("Short name"), "status": _l("Status"), "stayed": _l("Stayed"),
    "student_id": _l("Student"), "students": _l("Students"), "threshold": _l("Good match threshold"),
    "total": _l("Total"), "version": _l("Version"), "with_message": _l("With a message"),
    "display_name": _l("Name"), "organization": _l("Organisation"), "active": _l("Active"),
    "members": _l("Members"), "offers": _l("Offers"), "contracts": _l("Contracts"),
    "offers_closed": _l("Offers closed"), "duplicate_name": _l("Duplicate's name"),
    "duplicate_org_number": _l("Duplicate's organisation number"),
}
REASONS = {
    "unknown_address": _l("no account has the address"), "wrong_password": _l("wrong password"),
    "deactivated": _l("the account is deactivated"),
}


def action_label(action: str) -> str:
    """The action in words; an action without a label keeps its code."""
    found = ACTIONS.get(action)
    return str(found) if found is not None else action


def object_kind(kind: str) -> str:
    """The kind of object in words."""
    found = OBJECT_KINDS.get(kind)
    return str(found) if found is not None else kind


def object_link(kind: str, object_id: str) -> str | None:
    """The admin's page of the object, if there is one."""
    target = _LINKS.get(kind)
    if target is None or not object_id.isdigit():
        return None
    return url_for(target[0], **{target[1]: int(object_id)})


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(FIELDS.get(v, v)) if key == "changed" else _value(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{FIELDS.get(k, k)}: {_value(k, v)}" for k, v in value.items())
    text = str(value)
    base = key.removesuffix("_before")
    if base == "role":
        return next((str(label) for role, label in ROLE_LABELS.items() if role.value == text), text)
    if key == "reason" and text in REASONS:
        return str(REASONS[text])
    if key in ("status", "previous"):
        return str(OFFER_STATUSES.get(text) or APPLICATION_STATUSES.get(text) or text)
    return text


def detail_fields(details: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The event's details as (label, value) pairs, in the order they were recorded."""
    out = []
    for key, value in (details or {}).items():
        base = key.removesuffix("_before")
        label = str(FIELDS.get(base, base.replace("_", " ").capitalize()))
        if key.endswith("_before"):
            label = _("%(field)s before", field=label)
        out.append((label, _value(key, value)))
    return out
