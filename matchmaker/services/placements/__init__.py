"""Placements and their follow-up: created from allocation rounds and hires, completed, rated by both sides."""
