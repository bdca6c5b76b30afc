"""Matching engine: bilingual TF-IDF ranking of offers and students that explains itself.

A pure library on plain dataclasses (no Flask, no SQLAlchemy). See docs/matching.md.
"""

from .documents import OFFER_KINDS, OfferDoc, Reason, ScoredPair, StudentDoc
from .persistence import FORMAT_VERSION, UnsupportedFormatError
from .ranker import Ranker

__all__ = ["FORMAT_VERSION", "OFFER_KINDS", "ScoredPair", "OfferDoc", "Ranker", "Reason", "StudentDoc",
           "UnsupportedFormatError"]
