"""Plumbing shared by every use case: errors, audit, paging, passwords, validation, mail outbox, CSV, charts,
backup and migrations. Nothing here knows a domain."""
