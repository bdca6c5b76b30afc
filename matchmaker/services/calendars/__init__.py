"""Calendar feeds: a private, revocable feed per user, and the public feed of application deadlines."""
