"""Kompetenskontraktet: contracts and their commitment lines, how far each line has come, and the coach reports."""
