"""Conversations on applications: the thread, unread counts, and interview slots with calendar invitations."""
