"""Plain dataclasses the engine works on: offer and student documents, ranked matches and reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

OFFER_KINDS = ("degree_project", "internship", "summer_internship", "trainee", "mentoring", "job")


@dataclass(frozen=True)
class OfferDoc:
    """An offer as the engine sees it; empty `programs` means open to all programs."""

    id: str
    title: str = ""
    description: str = ""
    kind: str | None = None
    skills: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    municipality: str | None = None
    county: str | None = None
    sparse: bool = False  # sparsely populated municipality
    remote: bool = False
    language: str | None = None
    has_contract: bool = False  # employer has a Kompetenskontrakt
    status: str = "published"
    deadline: date | None = None
    places_left: int | None = None

    def is_open(self, today: date) -> bool:
        """Published, deadline not passed and places left."""
        return (self.status == "published"
                and (self.deadline is None or self.deadline >= today)
                and (self.places_left is None or self.places_left > 0))


@dataclass(frozen=True)
class StudentDoc:
    """A student profile as the engine sees it."""

    id: str
    about: str = ""
    interests: str = ""
    skills: tuple[str, ...] = ()
    program: str | None = None
    kinds: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    relocate: bool = False
    remote_ok: bool = False
    prefers_sparse: bool = False


# Results are plain (non-frozen) slotted dataclasses: a batch run creates millions of them, and
# frozen dataclasses pay for object.__setattr__ on every field.
@dataclass(slots=True)
class Reason:
    """Why a pair ranks: kind is 'term', 'skill', 'missing_skill' or 'boost'; label is readable."""

    kind: str
    label: str
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"kind": self.kind, "label": self.label, "weight": round(float(self.weight), 4)}


@dataclass(slots=True)
class ScoredPair:
    """One ranked pair with its score (0..1), score components and reasons."""

    offer_id: str
    student_id: str
    score: float
    text: float
    student_fit: float
    offer_fit: float
    reciprocal: float
    reasons: list[Reason] = field(default_factory=list, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "offer_id": self.offer_id,
            "student_id": self.student_id,
            "score": round(float(self.score), 6),
            "text": round(float(self.text), 6),
            "student_fit": round(float(self.student_fit), 6),
            "offer_fit": round(float(self.offer_fit), 6),
            "reciprocal": round(float(self.reciprocal), 6),
            "reasons": [r.to_dict() for r in self.reasons],
        }
