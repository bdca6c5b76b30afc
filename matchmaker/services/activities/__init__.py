"""Activities against goals: events, mentoring programmes and programme councils by lifecycle phase, goal next to
outcome."""
