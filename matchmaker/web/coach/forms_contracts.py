"""Forms for editing Kompetenskontrakt contracts and their lines."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from matchmaker.models import ContractStatus, OfferKind

KIND_LABELS = {
    OfferKind.DEGREE_PROJECT: _l("Degree project"),
    OfferKind.INTERNSHIP: _l("Internship"),
    OfferKind.SUMMER_INTERNSHIP: _l("Summer internship"),
    OfferKind.TRAINEE: _l("Trainee place"),
    OfferKind.MENTORING: _l("Mentoring"),
    OfferKind.JOB: _l("Job"),
}
CONTRACT_STATUS_LABELS = {
    ContractStatus.DRAFT: _l("Draft"),
    ContractStatus.ACTIVE: _l("Active"),
    ContractStatus.ENDED: _l("Ended"),
}


class LineForm(Form):
    """One commitment line: kind x program x count (a sub-form, CSRF is on the outer form)."""

    id = HiddenField()
    kind = SelectField(_l("Kind"), choices=[], validators=[Optional()])
    program = SelectField(_l("Study program"), choices=[], validators=[Optional()])
    count = IntegerField(_l("Count"), validators=[Optional()])
    remove = BooleanField(_l("Remove"))


class ContractForm(FlaskForm):
    """A contract with its lines, edited on one page."""

    version_id = HiddenField()
    organization = SelectField(_l("Organisation"), choices=[], validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    period_start = DateField(_l("Period start"), validators=[DataRequired()])
    period_end = DateField(_l("Period end"), validators=[DataRequired()])
    status = SelectField(
        _l("Status"), choices=[(s.value, label) for s, label in CONTRACT_STATUS_LABELS.items()],
        validators=[DataRequired()],
    )
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    lines = FieldList(FormField(LineForm))
