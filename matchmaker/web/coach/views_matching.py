"""Coach views: batch matching runs, their progress and coverage, and curation of the matches."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.core.validation import page_number, parse_int
from matchmaker.models import RunStatus
from matchmaker.services import catalogue
from matchmaker.services.matching_runs import curation as matching_curation
from matchmaker.services.matching_runs import runs as matching_runs

from ..access import safe_next, user
from ..extensions import db
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..labels import grouped_reasons
from ..queue_ext import get_queue
from .blueprint import bp
from .forms import MATCH_STATUSES, REASON_KINDS, ActionForm, MatchFilterForm, NoteForm, StartRunForm

ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def _page() -> int:
    return page_number(request.args.get("page"))


def _overview(form: StartRunForm, status: int = 200) -> tuple[str, int]:
    current = matching_runs.current_run(db.session)
    latest = matching_runs.latest_run(db.session)
    return render_template(
        "coach/matching.html", form=form, current=current, latest=latest,
        refresh=latest is not None and latest.status in ACTIVE,
        cancelled=latest is not None and matching_runs.was_cancelled(latest),
        cancel_form=ActionForm(formdata=None),
        coverage=matching_curation.coverage(db.session, current, current_locale()) if current else [],
        lonely=matching_curation.offers_without_candidates(db.session, current) if current else [],
    ), status


@bp.route("/matching")
def matching() -> tuple[str, int]:
    """Start a run; the current run's coverage per program; the latest run's progress."""
    return _overview(StartRunForm(formdata=None))


@bp.route("/matching/runs", methods=["POST"])
def start_matching_run() -> Response | tuple[str, int]:
    """Queue a new run and hand it to the job queue after the commit."""
    form = StartRunForm()
    if not form.validate_on_submit():
        return _overview(form, 400)
    try:
        run = matching_runs.start_run(db.session, user(), k=int(form.k.data or 0),
                                      threshold=float(form.threshold.data or 0))
        db.session.commit()
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(form, exc)
        return _overview(form, 400)
    except Conflict:
        db.session.rollback()
        flash(_("A matching run is already in progress."), "warning")
        return redirect(url_for("coach.matching"))
    run_id = run.id
    # Enqueued only now: the worker must find the committed, queued run.
    get_queue().enqueue("matching.run", run_id=run_id)
    flash(_("The matching run has started. This page updates itself until it is done."), "success")
    return redirect(url_for("coach.matching_run", run_id=run_id))


@bp.route("/matching/runs")
def matching_runs_history() -> str:
    """Every run with its parameters, counts and duration."""
    return render_template("coach/matching_runs.html", page=matching_curation.history(db.session, page=_page()))


@bp.route("/matching/runs/<int:run_id>")
def matching_run(run_id: int) -> str:
    """One run: progress while it runs (the page refreshes itself), then its figures or its error."""
    run = matching_runs.get_run(db.session, run_id)
    return render_template("coach/matching_run.html", run=run, refresh=run.status in ACTIVE,
                           cancelled=matching_runs.was_cancelled(run), cancel_form=ActionForm(formdata=None))


@bp.route("/matching/runs/<int:run_id>/cancel", methods=["POST"])
def cancel_matching_run(run_id: int) -> Response:
    """Cancel a queued or running run (also one whose worker died); the previous results stay current."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        matching_runs.cancel_run(db.session, user(), run_id)
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_("This run is no longer in progress."), "warning")
    else:
        flash(_("The matching run was cancelled. The previous results are still shown."), "success")
    return redirect(url_for("coach.matching_run", run_id=run_id))


@bp.route("/matching/matches")
def matching_matches() -> str:
    """Top matches of the current run with reasons, filtered by program and status, paginated."""
    current = matching_runs.current_run(db.session)
    form = MatchFilterForm(request.args)
    form.program.choices = [("", _("All programs"))] + [
        (str(p.id), p.name(current_locale())) for p in catalogue.programs(db.session)
    ]
    form.status.choices = [("", _("Any status"))] + [(s.value, label) for s, label in MATCH_STATUSES.items()]
    program = request.args.get("program", "")
    status = request.args.get("status", "")
    page = None
    if current is not None:
        page = matching_curation.browse(db.session, current, program_id=parse_int(program),
                                        status=status, page=_page())
    return render_template(
        "coach/matching_matches.html", current=current, page=page, form=form, statuses=MATCH_STATUSES,
        reason_kinds=REASON_KINDS, grouped_reasons=grouped_reasons,
        filters={"program": program, "status": status}, here=request.full_path,
    )


def _back(form: ActionForm | NoteForm) -> Response:
    return redirect(safe_next(form.next.data) or url_for("coach.matching_matches"))


def _curate(action: str, match_id: int) -> Response:
    form: ActionForm | NoteForm = NoteForm() if action == "note" else ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if action == "recommend":
            matching_curation.recommend(db.session, user(), match_id)
        elif action == "dismiss":
            matching_curation.dismiss(db.session, user(), match_id)
        else:
            assert isinstance(form, NoteForm)
            matching_curation.set_note(db.session, user(), match_id, form.note.data or "")
        db.session.commit()
    except ValidationError:
        db.session.rollback()
        flash(_("The note is too long."), "error")
    except Conflict:
        db.session.rollback()
        flash(_("A newer matching run replaced these results. Please look again."), "warning")
        return redirect(url_for("coach.matching_matches"))
    else:
        flash({"recommend": _("Recommended to the student."), "dismiss": _("Match dismissed."),
               "note": _("Note saved.")}[action], "success")
    return _back(form)


@bp.route("/matching/matches/<int:match_id>/recommend", methods=["POST"])
def recommend_match(match_id: int) -> Response:
    """Recommend a match to the student."""
    return _curate("recommend", match_id)


@bp.route("/matching/matches/<int:match_id>/dismiss", methods=["POST"])
def dismiss_match(match_id: int) -> Response:
    """Dismiss a match."""
    return _curate("dismiss", match_id)


@bp.route("/matching/matches/<int:match_id>/note", methods=["POST"])
def note_match(match_id: int) -> Response:
    """Save the coach's note on a match."""
    return _curate("note", match_id)
