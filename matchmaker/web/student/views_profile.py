"""The student's profile: edit (CV text pasted or extracted from an upload), consent, employer preview."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role, StudentProfile
from matchmaker.services import catalogue
from matchmaker.services.students import cv
from matchmaker.services.students import profiles as students

from ..access import user
from ..context import add_menu_item
from ..extensions import db, limiter
from ..forms import apply_service_errors
from ..i18n import current_locale
from .blueprint import bp
from .forms import ProfileForm

add_menu_item(Role.STUDENT, "student.profile", _l("My profile"))


def _initial(profile: StudentProfile) -> dict[str, Any]:
    term = profile.graduation_term or ""
    return {
        "name": profile.name, "program": profile.program.slug if profile.program else "",
        "study_mode": profile.study_mode.value, "grad_season": term[:2], "grad_year": term[2:],
        "skills": ", ".join(profile.skills or []), "interests": profile.interests, "about": profile.about,
        "languages": ", ".join(profile.languages or []), "preferred_kinds": list(profile.preferred_kinds or []),
        "municipalities": [str(m.id) for m in profile.preferred_municipalities],
        "willing_to_relocate": profile.willing_to_relocate, "remote_ok": profile.remote_ok,
        "prefers_sparse": profile.prefers_sparse, "phone": profile.phone,
    }


def _input(form: ProfileForm, about: str) -> students.ProfileInput:
    season, year = form.grad_season.data or "", (form.grad_year.data or "").strip()
    return students.ProfileInput(
        name=form.name.data or "", program_slug=form.program.data or "", study_mode=form.study_mode.data or "",
        graduation_term=f"{season}{year}" if season or year else "",
        skills=students.split_list(form.skills.data or ""), interests=form.interests.data or "", about=about,
        languages=students.split_list(form.languages.data or ""),
        preferred_kinds=list(form.preferred_kinds.data or []),
        municipality_ids=[n for v in form.municipalities.data or [] if (n := parse_int(v)) is not None],
        willing_to_relocate=bool(form.willing_to_relocate.data), remote_ok=bool(form.remote_ok.data),
        prefers_sparse=bool(form.prefers_sparse.data), phone=form.phone.data or "",
    )


def _uploaded(form: ProfileForm) -> Any:
    upload = form.cv_file.data
    return upload if upload is not None and getattr(upload, "filename", "") else None


def _read_cv(upload: Any) -> str:
    """The text of an uploaded CV (in memory, never stored); ValidationError on `cv_file` when it can't be used."""
    try:
        data = upload.stream.read(cv.MAX_BYTES + 1)
    finally:
        upload.close()  # large uploads are spooled to an anonymous temporary file: release it now
    return cv.extract_text(data, upload.filename or "")


def _cv_limit_key() -> str:
    return f"cv-upload:{current_user.get_id()}"


def _no_upload() -> bool:
    upload = request.files.get("cv_file")
    return upload is None or not upload.filename


@bp.route("/profile", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], key_func=_cv_limit_key, exempt_when=_no_upload)
def profile() -> Any:
    """Edit every field of the profile; paste CV text, or upload a PDF or DOCX and review what was read first."""
    me = user()
    own = students.profile_of(me)
    form = ProfileForm(data=_initial(own)) if request.method == "GET" else ProfileForm()
    form.program.choices = [("", _("Not chosen"))] + catalogue.program_choices(db.session, current_locale())
    form.municipalities.choices = catalogue.municipality_choices(db.session)
    proposal = False
    if form.validate_on_submit():
        upload = _uploaded(form)
        if upload is not None:
            # An upload is a proposal: show what was read, with everything typed kept, and save nothing yet.
            try:
                form.cv_text.data = _read_cv(upload)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                return render_template("student/profile.html", form=form, profile=own, proposal=False), 400
            return render_template("student/profile.html", form=form, profile=own, proposal=True), 200
        # The student's own text unless they chose the (possibly edited) text read from the CV.
        from_cv = request.form.get("about_source") == "cv"
        about = (form.cv_text.data if from_cv else form.about.data) or ""
        try:
            students.update_profile(db.session, me, _input(form, about))
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc, {"graduation_term": "grad_year", "program": "program"})
            proposal = bool(form.cv_text.data)
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("student.profile"))
    else:
        proposal = request.method == "POST" and bool(form.cv_text.data)
    status = 200 if request.method == "GET" else 400
    return render_template("student/profile.html", form=form, profile=own, proposal=proposal), status


@bp.route("/profile/visibility", methods=["POST"])
def visibility() -> Response:
    """Turn "visible to employers" on (consent, timestamped) or off (at once)."""
    visible = request.form.get("visible") == "1"
    students.set_visibility(db.session, user(), visible)
    db.session.commit()
    flash(_("Employers can now find your profile.") if visible else _("Employers can no longer find your profile."),
          "success")
    return redirect(url_for("student.profile"))


@bp.route("/profile/preview")
def preview() -> str:
    """What an employer sees of the profile (no email or phone unless the student applied)."""
    own = students.profile_of(user())
    view = students.employer_view(own, with_contact=False, locale=current_locale())
    return render_template("student/preview.html", view=view, profile=own)
