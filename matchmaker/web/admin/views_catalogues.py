"""Admin views: catalogues of study programs and municipalities."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.services import catalogue
from matchmaker.services.admin import catalogue_editing

from ..access import user
from ..extensions import db
from ..forms import apply_service_errors
from .blueprint import bp
from .forms import LEVEL_LABELS, ButtonForm, MunicipalityForm, ProgramForm


@bp.route("/programs")
def programs() -> str:
    """Every study program, active first."""
    return render_template("admin/programs.html", programs=catalogue_editing.all_programs(db.session),
                           levels=LEVEL_LABELS, button=ButtonForm())


def _program_form(**kw: object) -> ProgramForm:
    form = ProgramForm(**kw)
    form.level.choices = [(lv.value, label) for lv, label in LEVEL_LABELS.items()]
    return form


@bp.route("/programs/new", methods=["GET", "POST"])
def new_program() -> Response | tuple[str, int]:
    """Add a study program."""
    form = _program_form()
    if form.validate_on_submit():
        try:
            catalogue_editing.create_program(
                db.session, user(), slug=form.slug.data or "", name_sv=form.name_sv.data or "",
                name_en=form.name_en.data or "", level=form.level.data or "")
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            flash(_("The study program was added."), "success")
            return redirect(url_for("admin.programs"))
    return render_template("admin/program_form.html", form=form, program=None), 200 if request.method == "GET" else 400


@bp.route("/programs/<int:program_id>/edit", methods=["GET", "POST"])
def edit_program(program_id: int) -> Response | tuple[str, int]:
    """Change a study program's names and level."""
    program = catalogue_editing.get_program(db.session, program_id)
    form = _program_form(obj=program)
    if form.validate_on_submit():
        try:
            catalogue_editing.update_program(db.session, user(), program_id, name_sv=form.name_sv.data or "",
                                             name_en=form.name_en.data or "", level=form.level.data or "")
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            flash(_("The study program was saved."), "success")
            return redirect(url_for("admin.programs"))
    status = 200 if request.method == "GET" else 400
    return render_template("admin/program_form.html", form=form, program=program), status


def _set_program_active(program_id: int, active: bool) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    catalogue_editing.set_program_active(db.session, user(), program_id, active)
    db.session.commit()
    flash(_("The study program is active.") if active else _("The study program is deactivated."), "success")
    return redirect(url_for("admin.programs"))


@bp.route("/programs/<int:program_id>/deactivate", methods=["POST"])
def deactivate_program(program_id: int) -> Response:
    """Hide a study program from new choices (existing data keeps it)."""
    return _set_program_active(program_id, False)


@bp.route("/programs/<int:program_id>/activate", methods=["POST"])
def activate_program(program_id: int) -> Response:
    """Make a study program available again."""
    return _set_program_active(program_id, True)


@bp.route("/municipalities")
def municipalities() -> str:
    """Municipalities by county with their sparsely-populated flag."""
    return render_template("admin/municipalities.html", municipalities=catalogue.municipalities(db.session))


@bp.route("/municipalities/<int:municipality_id>/edit", methods=["GET", "POST"])
def edit_municipality(municipality_id: int) -> Response | tuple[str, int]:
    """Change a municipality's county and sparsely-populated flag."""
    municipality = catalogue_editing.get_municipality(db.session, municipality_id)
    form = MunicipalityForm(obj=municipality)
    if form.validate_on_submit():
        try:
            catalogue_editing.update_municipality(db.session, user(), municipality_id, county=form.county.data or "",
                                                  sparsely_populated=bool(form.sparsely_populated.data))
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            flash(_("%(name)s was saved.", name=municipality.name), "success")
            return redirect(url_for("admin.municipalities"))
    status = 200 if request.method == "GET" else 400
    return render_template("admin/municipality_form.html", form=form, municipality=municipality), status
