"""Coach views: allocation (being built)."""
