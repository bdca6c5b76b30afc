"""Karriärsök: search with filters and ranking, saved searches, and the student's recommendations."""
