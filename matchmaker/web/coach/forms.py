"""Forms and labels of the coach's review queue and matching runs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from matchmaker.core.validation import parse_int
from matchmaker.models import MatchRun, MatchStatus, RunStatus
from matchmaker.services.matching_runs import runs as matching_runs

FLAG_LABELS = {
    "unverified_org": _l("Unverified organisation"),
    "duplicate": _l("Possible duplicate"),
    "money_wording": _l("Asks for money or bank details"),
    "deadline_past": _l("Deadline has passed"),
    "stale": _l("Unchanged for 90 days"),
}
RUN_STATUSES = {
    RunStatus.QUEUED: _l("Queued"),
    RunStatus.RUNNING: _l("Running"),
    RunStatus.SUCCEEDED: _l("Succeeded"),
    RunStatus.FAILED: _l("Failed"),
}


def run_status_label(run: MatchRun) -> str:
    """A run's status for coaches: a run failed because a coach cancelled it says "cancelled"."""
    if matching_runs.was_cancelled(run):
        return str(_l("Cancelled"))
    return str(RUN_STATUSES[run.status])


MATCH_STATUSES = {
    MatchStatus.SUGGESTED: _l("Suggested"),
    MatchStatus.RECOMMENDED: _l("Recommended"),
    MatchStatus.DISMISSED: _l("Dismissed"),
}
REASON_KINDS = {
    "term": _l("Common words"),
    "skill": _l("Skills"),
    "missing_skill": _l("Missing skills"),
    "boost": _l("Also"),
}


class ApproveForm(FlaskForm):
    """Approve and publish; the version guards against approving a text changed meanwhile."""

    version = HiddenField()


class RequestChangesForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("What should the employer change?"), validators=[DataRequired(), Length(max=4000)])


class RejectForm(FlaskForm):
    version = HiddenField()
    reason = TextAreaField(_l("Reason for rejecting"), validators=[DataRequired(), Length(max=4000)])


class ActionForm(FlaskForm):
    """A button-only POST (verify, recommend, dismiss): CSRF and where to go back to."""

    next = HiddenField()


class StartRunForm(FlaskForm):
    k = IntegerField(_l("Matches per student"), default=10, validators=[InputRequired(), NumberRange(1, 50)])
    threshold = DecimalField(
        _l("Good match threshold (0–1)"), default=0.2, places=2,
        validators=[InputRequired(), NumberRange(0, 1)],
    )


class NoteForm(FlaskForm):
    next = HiddenField()
    note = TextAreaField(
        _l("Note for coaches (not shown on the student's or the employer's pages; included if the student asks "
           "for a copy of their data)"),
        validators=[Optional(), Length(max=2000)],
    )


class MatchFilterForm(FlaskForm):
    """The GET filter of the match browser (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    program = SelectField(_l("Study program"), choices=[], validators=[Optional()])
    status = SelectField(_l("Status"), choices=[], validators=[Optional()])


def version_of(form: ApproveForm | RequestChangesForm | RejectForm) -> int | None:
    """The offer version the coach saw, if the form carried a valid one."""
    return parse_int(form.version.data, 0)
