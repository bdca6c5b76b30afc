"""Coach views: matching (being built)."""
