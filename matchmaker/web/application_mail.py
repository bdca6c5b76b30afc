"""The student's mail about a pipeline move: the same words whether it was moved on a page or through the API."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.models import Application, ApplicationEvent

from .labels import APPLICATION_STATUSES
from .urls import external_url


def _status_label(status: object) -> str:
    return str(APPLICATION_STATUSES.get(status, status))  # type: ignore[call-overload]


def status_mail(application: Application, event: ApplicationEvent) -> tuple[str, str]:
    """The student's mail about a pipeline move, in the student's language, with the employer's message."""
    student = application.student.user
    offer = application.offer
    link = external_url("student.applications_list")
    with force_locale(student.locale.value):
        status = _status_label(event.to_status)
        subject = _("Your application to %(title)s: %(status)s", title=offer.title, status=status)
        body = _("%(organization)s has updated your application to \"%(title)s\". Its status is now: %(status)s.",
                 organization=offer.organization.name, title=offer.title, status=status)
        if event.message:
            body += "\n\n" + _("Their message:") + "\n" + event.message
        body += "\n\n" + _("You see the whole timeline on your applications page after logging in:") + "\n" + link
    return subject[:200], body
