"""Use cases: plain functions taking a Session. They flush; the caller commits."""
