"""Administration: users, catalogues (study programs, municipalities) and the audit trail."""
