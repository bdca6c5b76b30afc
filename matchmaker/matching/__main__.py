"""`python -m matchmaker.matching match|evaluate ...`."""

from .cli import main, run

run(main, "python -m matchmaker.matching")
