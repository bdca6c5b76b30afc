"""Template globals: the current locale and each role's menu."""

from __future__ import annotations

from flask import Flask, g
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matchmaker.models import Role
from matchmaker.services.matching_runs import strength as match_strength
from matchmaker.services.notifications import operations as notifications

from .extensions import db
from .i18n import current_locale

# Menu entries per role: (endpoint, label). View modules add theirs with add_menu_item().
AREA_LINKS: dict[Role, list[tuple[str, object]]] = {
    Role.STUDENT: [("student.home", _l("My page"))],
    Role.EMPLOYER: [("employer.home", _l("My page"))],
    Role.COACH: [("coach.home", _l("Coach"))],
    Role.ADMIN: [("admin.home", _l("Admin"))],
    Role.ALUMNUS: [("alumnus.home", _l("My page"))],
}


def add_menu_item(role: Role, endpoint: str, label: object) -> None:
    """Show a link to `endpoint` in the menu of `role` (call at import time of a view module)."""
    if endpoint not in {e for e, _ in AREA_LINKS[role]}:
        AREA_LINKS[role].append((endpoint, label))


def init_app(app: Flask) -> None:
    """Register template globals and filters."""

    @app.context_processor
    def inject() -> dict[str, object]:
        def area_links() -> list[tuple[str, object]]:
            if not current_user.is_authenticated:
                return []
            return [(e, label) for e, label in AREA_LINKS.get(current_user.role, []) if e in app.view_functions]

        def match_level(score: float) -> int:
            # The bands are read once per request, only by pages that show a match strength.
            if "match_bands" not in g:
                g.match_bands = match_strength.current_bands(db.session)
            return g.match_bands.level(score)

        def unread_notifications() -> int:
            # Counted once per request, for the bell in the menu.
            if "unread_notifications" not in g:
                g.unread_notifications = notifications.unread_count(db.session, current_user.id)
            return int(g.unread_notifications)

        return {"current_locale": current_locale, "area_links": area_links, "match_level": match_level,
                "unread_notifications": unread_notifications}

    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
