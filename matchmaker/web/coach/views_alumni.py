"""Coach views: where consenting alumni work, who stayed in the region, mentors and speakers among them."""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.alumni import queries as alumni

from ..context import add_menu_item
from ..extensions import db
from ..i18n import current_locale
from .blueprint import bp

add_menu_item(Role.COACH, "coach.alumni_page", _l("Alumni"))


@bp.route("/alumni")
def alumni_page() -> str:
    """Consenting alumni and the regional retention figures (nobody who said no, or did not answer, is shown)."""
    locale = current_locale()
    return render_template("coach/alumni.html", alumni=alumni.consenting_alumni(db.session),
                           retention=alumni.retention(db.session, locale, _("Unknown")),
                           program_name=lambda a: alumni.program_name(a, locale))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


@bp.route("/alumni.csv")
def alumni_csv() -> Response:
    """The consenting alumni as CSV."""
    header = [_("Name"), _("Email"), _("Study program"), _("Graduated"), _("Employer"), _("Municipality"),
              _("Stayed in the region"), _("Open to mentoring"), _("Open to speaking")]
    body = alumni.alumni_csv(db.session, current_locale(), header, _yes_no)
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="alumni.csv"', "Cache-Control": "no-store"})
