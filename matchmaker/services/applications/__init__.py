"""Applications: the student's side (apply, withdraw, timeline), the employer's pipeline, suggested
candidates and invitations to apply."""
