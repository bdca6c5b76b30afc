"""Employer view: alumni who work for the organisation and agreed to be its contacts (name and email only)."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.alumni import queries as alumni

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.EMPLOYER, "employer.alumni_contacts", _l("Alumni contacts"))


@bp.route("/alumni")
def alumni_contacts() -> str:
    """The organisation's alumni contacts; none until a coach has verified the organisation."""
    me = user()
    verified = me.organization is not None and me.organization.verified
    return render_template("employer/alumni.html", contacts=alumni.contacts_for(db.session, me), verified=verified)
