"""Coach views: reports (being built)."""
