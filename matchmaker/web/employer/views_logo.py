"""The organisation's logo: an employer uploads or removes it (shown on the public employer page)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.services.accounts import logos

from ..access import user
from ..extensions import db, limiter
from ..logos import logo_dir
from .blueprint import bp


def _limit_key() -> str:
    return f"logo:{current_user.get_id()}"


@bp.route("/organization/logo", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=_limit_key)
def upload_logo() -> Response:
    """Check, re-encode and store a new logo; a refused file changes nothing and says why."""
    upload = request.files.get("logo")
    data = upload.read(logos.MAX_BYTES + 1) if upload is not None else b""
    content_type = upload.mimetype if upload is not None else ""
    try:
        _new, old = logos.store_logo(db.session, user(), data, content_type, logo_dir())
        db.session.commit()
    except ValidationError as exc:
        db.session.rollback()
        flash(_("Logo: %(reason)s. Nothing was changed.", reason=_(exc.errors.get("logo", "is not valid"))), "error")
    else:
        logos.delete_file(logo_dir(), old)
        flash(_("The logo is saved."), "success")
    return redirect(url_for("employer.organization") + "#logo-heading")


@bp.route("/organization/logo/remove", methods=["POST"])
def remove_logo() -> Response:
    """Take the logo away."""
    old = logos.remove_logo(db.session, user())
    db.session.commit()
    logos.delete_file(logo_dir(), old)
    flash(_("The logo is removed."), "success")
    return redirect(url_for("employer.organization"))
