"""The `alumnus` blueprint object and the checks that run before each of its views."""

from flask import Blueprint, redirect, request, url_for
from werkzeug.wrappers import Response

from matchmaker.models import Role
from matchmaker.services.alumni import profile as alumni

from ..access import role_required, user
from ..extensions import db

# Named after the role, so access.home_url(Role.ALUMNUS) finds "alumnus.home".
bp = Blueprint("alumnus", __name__, url_prefix="/alumnus")
# The question itself, and the rights over one's own data, which never wait for an answer.
OPEN_BEFORE_CONSENT = frozenset({"alumnus.consent", "alumnus.my_data", "alumnus.export", "alumnus.delete_account"})


@bp.before_request
@role_required(Role.ALUMNUS)
def _only_alumni() -> None:
    """Every view of this blueprint is for alumni only."""
    return None


@bp.before_request
def _consent_first() -> Response | None:
    """The purpose changed at graduation: every alumni page asks for the new consent until it is answered."""
    if request.endpoint in OPEN_BEFORE_CONSENT:
        return None
    row = alumni.profile_of(db.session, user())
    db.session.commit()  # the profile may just have been made for an account without one
    if alumni.needs_consent_answer(row):
        return redirect(url_for("alumnus.consent"))
    return None
