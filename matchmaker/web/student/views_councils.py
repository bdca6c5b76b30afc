"""Student views: the minutes of the programme councils the student sits on as a student member."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.councils import queries

from ..access import user
from ..context import add_menu_item
from ..council_labels import COUNCIL_MEMBER_KINDS
from ..extensions import db
from ..i18n import current_locale
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.councils", _l("Programme councils"))


@bp.route("/councils")
def councils() -> str:
    """The councils the student is a member of, with their meetings (read only)."""
    return render_template("councils/member_councils.html", councils=queries.councils_of(db.session, user()),
                           endpoint="student.council_meeting", locale=current_locale())


@bp.route("/councils/<int:council_id>/meetings/<int:meeting_id>")
def council_meeting(council_id: int, meeting_id: int) -> str:
    """One meeting's minutes, for members of the council only (anyone else: 404)."""
    meeting = queries.minutes_for(db.session, user(), council_id, meeting_id)
    return render_template("councils/member_minutes.html", meeting=meeting, council=meeting.council,
                           back="student.councils", member_kinds=COUNCIL_MEMBER_KINDS)
