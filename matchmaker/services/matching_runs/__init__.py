"""Batch matching runs: running them in the background, coaches' curation of the results, and match strength."""
