"""`python -m matchmaker.matching match|evaluate ...`."""

from .cli import main

main(prog_name="python -m matchmaker.matching")
