"""Public employer pages: the organisation, its open offers and its Kompetenskontrakt status; its logo."""

from __future__ import annotations

from datetime import date

from flask import render_template, send_file
from werkzeug.wrappers import Response

from matchmaker.services.accounts import logos
from matchmaker.services.karriarsok.employers import employer_page

from ..extensions import db
from ..logos import logo_dir
from .blueprint import bp


@bp.route("/organizations/<int:organization_id>")
def organization_page(organization_id: int) -> str:
    """An employer's public page (deactivated organisations are 404)."""
    page = employer_page(db.session, organization_id, date.today())
    return render_template("main/organization.html", page=page, org=page.organization)


@bp.route("/organizations/<int:organization_id>/logo")
def organization_logo(organization_id: int) -> Response:
    """The organisation's logo: always a PNG we encoded ourselves."""
    path = logos.logo_file(db.session, organization_id, logo_dir())
    response = send_file(path, mimetype="image/png", max_age=3600, conditional=True)
    response.headers["Content-Disposition"] = "inline"
    return response
