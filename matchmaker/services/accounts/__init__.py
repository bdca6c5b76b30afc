"""Accounts: registration, sign-in and sessions, password reset, employers' organisations and members,
and students' privacy rights (export, deletion, inactivity)."""
