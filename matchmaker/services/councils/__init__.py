"""Programme councils (branschråd): councils per study program, members, meetings with minutes, goals."""
