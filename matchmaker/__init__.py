"""Matchmaker: links university students with regional employers."""

__version__ = "0.1.0"
