"""Offers in bulk: import from CSV/JSON (preview line by line, then all or nothing) and the JobTech export."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Any

from flask import Response, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as WResponse

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.offers import bulk_import
from matchmaker.services.offers import queries as offer_queries
from matchmaker.services.publishing import jobtech, listing

from ..access import home_url, role_required, user
from ..extensions import db
from .blueprint import bp
from .views import offer_url


def _file() -> tuple[bytes, str]:
    """The uploaded file, or the previewed file sent back with the confirmation (base64)."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        return upload.read(bulk_import.MAX_BYTES + 1), upload.filename
    try:
        return base64.b64decode(request.form.get("content", ""), validate=True), request.form.get("filename", "")
    except (binascii.Error, ValueError):
        return b"", ""


@bp.route("/offers/import", methods=["GET", "POST"])
@role_required(Role.EMPLOYER, Role.COACH)
def import_offers() -> Any:
    """Upload offers as CSV or JSON: see each line's errors first; save them all as drafts, or nothing."""
    if request.method == "GET":
        return render_template("publishing/import.html", preview=None, is_coach=user().role == Role.COACH)
    content, filename = _file()
    if not content:
        return render_template("publishing/import.html", preview=None, is_coach=user().role == Role.COACH,
                               file_error=_("Choose a CSV or JSON file.")), 400
    if request.form.get("action") == "save":
        try:
            created = bulk_import.import_offers(db.session, user(), content, filename, date.today())
        except ValidationError:
            db.session.rollback()
        else:
            db.session.commit()
            flash(ngettext("%(num)s offer was saved as a draft.", "%(num)s offers were saved as drafts.", len(created)),
                  "success")
            return redirect(home_url(user().role), 303)
    checked = bulk_import.preview(db.session, user(), content, filename, date.today())
    db.session.rollback()  # a preview saves nothing
    return render_template("publishing/import.html", preview=checked, is_coach=user().role == Role.COACH,
                           content=base64.b64encode(content).decode(), filename=filename), 200 if checked.ok else 400


@bp.route("/offers/export/jobtech.json")
@role_required(Role.EMPLOYER, Role.COACH)
def export_jobtech() -> WResponse:
    """Open offers as JobTech JobAds: an employer's own, or (coach) every open offer."""
    if user().role == Role.COACH:
        offers = listing.open_offers(db.session, date.today(), limit=listing.MAX_LISTED * 10)
    else:
        offers = [o for o in offer_queries.offers_of(db.session, user()) if o.is_open(date.today())]
    body = json.dumps([jobtech.job_ad(o, offer_url(o)) for o in offers], ensure_ascii=False, indent=1)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="matchmaker-jobads.json"'
    return response


