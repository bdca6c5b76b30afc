"""Meeting places: events, fair exhibitors, registrations, attendance and interview slots."""
