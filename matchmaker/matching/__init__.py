"""Matching engine."""
