"""The `conversations` blueprint object: signed-in users only; the service decides who is a party."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("conversations", __name__, url_prefix="/applications")


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every view here needs a login."""
    return None


@bp.app_context_processor
def _conversation_helpers() -> dict[str, object]:
    """`conversation_unread(application)` for the pages that link to a thread (one small query each)."""

    def conversation_unread(application: object) -> int:
        from matchmaker.services.conversations import thread

        from ..access import user
        from ..extensions import db

        return thread.unread_counts(db.session, user(), [application]).get(getattr(application, "id", 0), 0)

    return {"conversation_unread": conversation_unread}
