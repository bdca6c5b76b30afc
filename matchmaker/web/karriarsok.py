"""Karriärsök's page, shared by the public search (main) and the student's saved searches (student)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from matchmaker.core.paging import check_in_range
from matchmaker.models import Role, StudentProfile
from matchmaker.services import catalogue
from matchmaker.services.events import queries as event_queries
from matchmaker.services.karriarsok import search

from .extensions import db, offer_index
from .i18n import current_locale


class SaveSearchForm(FlaskForm):
    name = StringField(_l("Name of the search"), validators=[Length(max=120, message=_l("is too long"))])


def current_profile() -> StudentProfile | None:
    """The logged-in student's profile (rankings use it), else None."""
    if current_user.is_authenticated and current_user.role == Role.STUDENT:
        return current_user.student_profile  # type: ignore[no-any-return]
    return None


def search_choices() -> dict[str, Any]:
    """Choices of the Karriärsök filter form."""
    locale = current_locale()
    return {
        "programs": catalogue.program_choices(db.session, locale),
        "municipalities": catalogue.municipality_choices(db.session),
        "counties": catalogue.counties(db.session),
    }


def render_search(params: search.SearchParams, save_form: SaveSearchForm | None = None, status: int = 200) -> Any:
    """Run the search and render the Karriärsök page (also used to show a failed "save search")."""
    profile = current_profile()
    result = search.search(db.session, offer_index(), params, profile, date.today(), current_locale())
    check_in_range(result.page, result.pages)  # /offers?page=99 goes to the last page
    if profile is not None and save_form is None:
        save_form = SaveSearchForm(formdata=None, name=params.q or "")
    events = []
    if params.kind in ("", search.EVENTS_KIND) and params.page == 1:
        viewer = current_user if current_user.is_authenticated else None
        events = event_queries.upcoming_for_viewer(db.session, viewer, q=params.q,
                                                   limit=50 if params.kind else 5)
    return render_template(
        "main/offers.html", params=params, result=result, choices=search_choices(), save_form=save_form,
        is_student=profile is not None, args=params.to_args(page=False), events=events,
    ), status
