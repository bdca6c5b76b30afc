"""Skills as employers and importers type them: one comma-separated list."""

from __future__ import annotations


def parse_skills(text: str) -> list[str]:
    """Split comma-separated skills, trimmed, without duplicates (case-insensitive), in the given order."""
    seen: set[str] = set()
    skills: list[str] = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        skill = " ".join(part.split())
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            skills.append(skill)
    return skills
