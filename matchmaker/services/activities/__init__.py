"""Activities against goals: events and mentoring programmes by lifecycle phase, goal next to outcome."""
