"""Forms of the coach's allocation rounds."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class RoundForm(FlaskForm):
    """A new allocation round."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    max_choices = IntegerField(
        _l("Choices per student"), default=3, validators=[DataRequired(), NumberRange(min=1, max=20)]
    )
    ranking_deadline = DateField(_l("Ranking deadline"), validators=[Optional()])
