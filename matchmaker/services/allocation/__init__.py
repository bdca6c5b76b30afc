"""Allocation rounds: setting up a round, both sides' rankings, deferred acceptance, adjusting and publishing."""
