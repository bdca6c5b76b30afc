"""Coach views: review (being built)."""
