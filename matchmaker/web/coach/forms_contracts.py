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

from ..labels import CONTRACT_STATUSES


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
        _l("Status"), choices=[(s.value, label) for s, label in CONTRACT_STATUSES.items()],
        validators=[DataRequired()],
    )
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])
    lines = FieldList(FormField(LineForm))
