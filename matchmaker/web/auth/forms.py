"""Forms of the auth blueprint."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from matchmaker.models import Sector


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])


class RegisterForm(FlaskForm):
    role = RadioField(
        _l("I am"), choices=[("student", _l("a student")), ("employer", _l("an employer"))], default="student",
        validators=[DataRequired()],
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("Passwords differ"))]
    )
    program = SelectField(_l("Study program"), choices=[], validators=[Optional()])
    org_name = StringField(_l("Organisation name"), validators=[Optional(), Length(max=200)])
    org_number = StringField(_l("Organisation number"), validators=[Optional(), Length(max=20)])
    sector = SelectField(
        _l("Sector"),
        choices=[
            (Sector.COMPANY.value, _l("Company")), (Sector.MUNICIPALITY.value, _l("Municipality")),
            (Sector.REGION.value, _l("Region")), (Sector.NON_PROFIT.value, _l("Non-profit")),
            (Sector.LEARNING_CENTRE.value, _l("Learning centre")),
        ],
        validators=[Optional()],
    )
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("Passwords differ"))],
    )
