"""Notifications: tell the people an event concerns, in the app (and by mail per their preferences)."""
