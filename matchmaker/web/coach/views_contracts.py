"""Coach views: contracts (being built)."""
