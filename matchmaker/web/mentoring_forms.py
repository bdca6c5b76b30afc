"""Forms shared by the mentor's and the mentee's pages: the check-in of a pair."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from matchmaker.models import CheckInKind

CHECK_IN_KINDS = {
    CheckInKind.MEETING: _l("Meeting"),
    CheckInKind.MIDPOINT: _l("Mid-point check-in"),
    CheckInKind.FINAL: _l("Final check-in"),
}


class CheckInForm(FlaskForm):
    """A meeting or check-in with a short rating."""

    kind = SelectField(_l("What"), choices=[(k.value, label) for k, label in CHECK_IN_KINDS.items()])
    happened_on = DateField(_l("Date"), validators=[Optional()])
    rating = SelectField(_l("Rating (1-5)"), choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
                         validate_choice=False)
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
