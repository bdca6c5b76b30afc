"""Shared form helpers."""

from __future__ import annotations

from flask_babel import gettext
from flask_wtf import FlaskForm

from matchmaker.core.errors import ValidationError


def apply_service_errors(form: FlaskForm, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a service's validation errors on the form fields they concern (translated)."""
    field_map = field_map or {}
    for key, reason in exc.errors.items():
        name = field_map.get(key, key)
        field = getattr(form, name, None)
        message = gettext(reason)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors), message]
        else:
            form.form_errors.append(f"{key}: {message}")
