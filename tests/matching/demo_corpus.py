"""The demo offers of seeds/offers.yaml as engine documents, and the judged demo query set."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml

from matchmaker.matching import OfferDoc

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).parent / "data" / "demo_queries.yaml"


def demo_offers(today: date | None = None) -> list[OfferDoc]:
    """Published seed offers whose deadline has not passed: what Karriärsök searches (ids = seed keys)."""
    today = today or date.today()
    out = []
    for o in yaml.safe_load((ROOT / "seeds" / "offers.yaml").read_text(encoding="utf-8")):
        if o.get("status", "published") != "published" or o.get("deadline_in_days", 1) < 0:
            continue
        out.append(OfferDoc(id=o["key"], title=o["title"], description=o.get("description", ""), kind=o["kind"],
                            skills=tuple(o.get("skills", ())), programs=tuple(o.get("programs", ())),
                            municipality=o.get("municipality"), remote=bool(o.get("remote", False)),
                            language=o.get("language", "sv"),
                            deadline=today + timedelta(days=o["deadline_in_days"]) if "deadline_in_days" in o
                            else None))
    return out


def demo_queries() -> list[dict]:
    """Queries with judged offers: {'id', 'query', 'relevant': {offer key: grade}} (2 = meant, 1 = related)."""
    raw = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [{"id": f"q{i:02d}", "query": q["query"], "relevant": dict(q["relevant"])} for i, q in enumerate(raw, 1)]
