"""Coach views: reports with server-drawn charts, period filters and CSV per table."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from matchmaker.core import charts
from matchmaker.core.csv_export import to_csv
from matchmaker.core.terms import valid_period_term
from matchmaker.models import Role
from matchmaker.services.contracts import reports

from ..context import add_menu_item
from ..extensions import db
from ..i18n import current_locale
from ..labels import OFFER_KINDS, term_label
from . import report_activities, report_alumni
from .blueprint import bp
from .views_contracts import LINE_STATUS_LABELS

add_menu_item(Role.COACH, "coach.reports", _l("Reports"))

DIMENSIONS = {
    "kind": _l("Placements by kind"),
    "program": _l("Placements by study program"),
    "municipality": _l("Placements by municipality"),
    "term": _l("Placements by term"),
}


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _period() -> tuple[reports.Period, list[str]]:
    errors = []
    term = request.args.get("term", "").strip().upper()
    if term and not valid_period_term(term):
        errors.append(_("Term: write it like VT2027 (spring), SO2027 (summer) or HT2027 (autumn)."))
        term = ""
    start, end = _date("from"), _date("to")
    for name, value in (("from", start), ("to", end)):
        if request.args.get(name) and value is None:
            errors.append(_("Dates are written like 2026-01-31."))
    if start and end and end < start:
        errors.append(_("The end date is before the start date."))
        end = None
    return reports.Period(start=start, end=end, term=term), errors


def _dimension_rows(period: reports.Period, dimension: str, locale: str) -> list[dict[str, Any]]:
    rows = reports.placements_by(db.session, period, dimension, locale)
    for row in rows:
        if dimension == "kind":
            row["label"] = str(OFFER_KINDS.get(row["key"], row["key"]))
        elif dimension == "term":
            row["label"] = term_label(row["key"])
        if not row["label"]:
            row["label"] = _("Unknown")
    return rows


@bp.route("/reports", endpoint="reports")
def reports_page() -> tuple[str, int]:
    """Placements, contract fulfilment, time to first application, region share, the funnel, event attendance,
    fair participation and the activities against their goals per lifecycle phase."""
    period, errors = _period()
    locale = current_locale()
    tables = {d: _dimension_rows(period, d, locale) for d in DIMENSIONS}
    svgs = {d: Markup(charts.bar_chart([r["label"] for r in rows], [r["count"] for r in rows], str(DIMENSIONS[d])))
            for d, rows in tables.items() if rows}
    funnel = reports.funnel(db.session, period)
    if any(funnel.values()):  # all zero would draw an empty axis; the page says "no data yet" instead
        svgs["funnel"] = Markup(charts.bar_chart(
            [_("Recommended"), _("Applied"), _("Placed")],
            [funnel["recommended"], funnel["applied"], funnel["placed"]], _("From recommendation to placement")))
    return render_template(
        "coach/reports.html", period=period, errors=errors, tables=tables, titles=DIMENSIONS, svgs=svgs,
        contracts=reports.contract_fulfilment(db.session, period, date.today()), states=LINE_STATUS_LABELS,
        timing=reports.time_to_first_application(db.session, period), region=reports.region_share(db.session, period),
        funnel=funnel, args={k: v for k, v in request.args.items() if k in ("from", "to", "term") and v},
        **report_activities.context(period, locale), **report_alumni.context(locale),
    ), 400 if errors else 200


def _csv(table: str, period: reports.Period) -> tuple[list[str], list[list[Any]]]:
    locale = current_locale()
    if table in DIMENSIONS:
        rows = _dimension_rows(period, table, locale)
        return [table, "label", "placements"], [[r["key"], r["label"], r["count"]] for r in rows]
    if table == "contracts":
        rows = reports.contract_fulfilment(db.session, period, date.today())
        header = list(rows[0]) if rows else ["contract_id", "organization", "title", "period_start", "period_end",
                                             "status", "committed", "placements", "completed", "fulfilment", "state"]
        return header, [list(r.values()) for r in rows]
    if table == "time_to_application":
        data = reports.time_to_first_application(db.session, period)
    elif table == "region":
        data = reports.region_share(db.session, period)
    elif table == "funnel":
        data = reports.funnel(db.session, period)
    else:
        found = report_activities.csv_table(table, period, locale) or report_alumni.csv_table(table, locale)
        if found is None:
            abort(404)
        return found
    return list(data), [list(data.values())]


@bp.route("/reports/<table>.csv")
def report_csv(table: str) -> Response:
    """One report table as CSV, with the page's period filter."""
    period, _errors = _period()
    header, rows = _csv(table, period)
    return Response(to_csv(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="report-{table}.csv"'})
