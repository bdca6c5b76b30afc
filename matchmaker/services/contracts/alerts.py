"""Tell coaches and the employer when a change made in a request puts a contract line behind.

A caller takes a `watch` of the lines its change may affect before changing anything, and calls `check` after:
only a line that was not behind and is behind now is told, so repeating a change never repeats the message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import ContractCommitment
from matchmaker.services.contracts.progress import BEHIND, progress_for_commitments
from matchmaker.services.notifications.operations import notify
from matchmaker.services.notifications.recipients import coaches, organization_members


@dataclass
class Watch:
    """The state of some contract lines before a change."""

    session: Session
    today: date
    before: dict[int, str]

    def check(self) -> int:
        """Notify about each watched line that fell behind since the watch was taken; returns how many."""
        if not self.before:
            return 0
        lines = list(self.session.scalars(select(ContractCommitment).where(
            ContractCommitment.id.in_(list(self.before)))))
        now = progress_for_commitments(self.session, lines, self.today)
        told = 0
        for line in lines:
            if now[line.id].status == BEHIND and self.before[line.id] != BEHIND:
                contract = line.contract
                progress = now[line.id]
                # Language-neutral figures: the text around them is translated when shown.
                params = {"contract": contract.title or contract.organization.name,
                          "line": f"{line.program.name_sv if line.program else ''} {progress.placements}/"
                                  f"{progress.committed}"}
                people = coaches(self.session) + organization_members(self.session, contract.organization_id)
                notify(self.session, people, "contract.behind", params, obj=("contract", contract.id))
                told += 1
        return told


def watch(session: Session, commitment_ids: Iterable[int | None], today: date | None = None) -> Watch:
    """Take the state of these lines (None entries are skipped) before a change."""
    ids = sorted({i for i in commitment_ids if i is not None})
    day = today or date.today()
    if not ids:
        return Watch(session, day, {})
    lines = list(session.scalars(select(ContractCommitment).where(ContractCommitment.id.in_(ids))))
    progress = progress_for_commitments(session, lines, day)
    return Watch(session, day, {line.id: progress[line.id].status for line in lines})
