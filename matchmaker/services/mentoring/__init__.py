"""Mentoring programmes: mentors and mentees register, the coach matches them with the engine, pairs are followed up."""
