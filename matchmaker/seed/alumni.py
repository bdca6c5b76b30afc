"""Demo alumni from seeds/alumni.yaml: students converted, asked and answered by the real alumni services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from matchmaker.models import Role, StudentProfile
from matchmaker.services.alumni import conversion
from matchmaker.services.alumni import profile as alumni

from .support import EntryError, SeedContext, entries, entry, new_user, read_yaml, ref

FILE = "alumni.yaml"


def load_alumni(ctx: SeedContext) -> None:
    """Alumni accounts (after organisations; before meeting places, where alumni may be mentors)."""
    for e in entries(read_yaml(ctx.seeds_dir, FILE), FILE):
        with entry(FILE, e.get("email")):
            _alumnus(ctx, e)


def _yes_no(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, bool):
        raise EntryError(f"'{value}' is not true or false")
    return alumni.YES if value else alumni.NO


def _alumnus(ctx: SeedContext, e: dict[str, Any]) -> None:
    user = new_user(ctx, e, Role.STUDENT)
    user.student_profile = StudentProfile(name=user.display_name, program=ref(ctx.programs, e["program"], "program"))
    ctx.session.flush()
    graduated = ctx.today - timedelta(days=int(e["graduated_days_ago"]))
    conversion.convert(ctx.session, user, graduated, ctx.moment(graduated), tell=False)
    consent = e.get("consent")
    if consent is not None:
        alumni.answer_consent(ctx.session, user, _yes_no(consent), ctx.moment(graduated, hours=2))
    org = ref(ctx.organizations, e["organization"], "organization") if "organization" in e else None
    municipality = ref(ctx.municipalities, e["municipality"], "municipality") if "municipality" in e else None
    ctx.session.flush()
    alumni.update_profile(ctx.session, user, alumni.AlumnusEdit(
        employer_name=str(e.get("employer_name", "")), organization_id=org.id if org else None,
        municipality_id=municipality.id if municipality else None,
        stayed_in_region=_yes_no(e.get("stayed_in_region")),
        open_to_mentoring=bool(e.get("open_to_mentoring", False)),
        open_to_speaking=bool(e.get("open_to_speaking", False)),
        contact_for_employer=bool(e.get("contact_for_employer", False))))
