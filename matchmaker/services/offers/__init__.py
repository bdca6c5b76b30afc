"""Offers: the employer's editing, the coaches' review with automatic flags, and expiry."""
