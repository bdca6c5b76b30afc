"""Coach views: placements (being built)."""
