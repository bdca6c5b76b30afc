"""The accessibility statement (DOS-lagen, in the form DIGG prescribes) and its form to report a problem."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from matchmaker.core.errors import ValidationError
from matchmaker.services import feedback

from ..access import user
from ..extensions import db, limiter
from ..forms import apply_service_errors
from .blueprint import bp

# When the statement was last reviewed against the pages (the browser suite's axe-core walk, see
# docs/accessibility.md). Update it with each review.
LAST_REVIEWED = date(2026, 12, 2)
PUBLISHED = date(2026, 12, 2)


class ReportForm(FlaskForm):
    page = StringField(_l("Which page or function?"), validators=[Optional(), Length(max=feedback.MAX_PAGE)])
    problem = TextAreaField(_l("What is the problem?"),
                            validators=[DataRequired(_l("Describe the problem")), Length(max=feedback.MAX_PROBLEM)])
    email = EmailField(_l("Your email (if you want an answer)"), validators=[Optional(), Length(max=254)])


@bp.route("/accessibility", methods=["GET", "POST"])
@bp.route("/tillganglighet", methods=["GET", "POST"], endpoint="tillganglighet")
@limiter.limit("10 per minute", methods=["POST"])
def accessibility() -> Response | tuple[str, int]:
    """The accessibility statement, at its Swedish and its English address, in the UI's language."""
    form = ReportForm()
    if form.validate_on_submit():
        try:
            feedback.report_accessibility_problem(
                db.session, problem=form.problem.data or "", page=form.page.data or "", email=form.email.data or "",
                reporter=user() if current_user.is_authenticated else None,
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Thank you. Your report has been sent to the administrators."), "success")
            return redirect(url_for(request.endpoint or "main.accessibility") + "#report")
    status = 400 if form.is_submitted() else 200
    return render_template("main/accessibility.html", form=form, reviewed=LAST_REVIEWED,
                           published=PUBLISHED), status
