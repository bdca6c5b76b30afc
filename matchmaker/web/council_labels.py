"""Programme councils in the UI: the member kinds as every area shows them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from matchmaker.models import MemberKind

COUNCIL_MEMBER_KINDS = {
    MemberKind.EMPLOYER_REPRESENTATIVE: _l("Employer representative"),
    MemberKind.TEACHER: _l("Teacher"),
    MemberKind.STUDENT: _l("Student"),
}
