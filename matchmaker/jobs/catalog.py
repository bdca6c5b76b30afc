"""Imports every module that registers jobs, so any worker process knows them all."""

from matchmaker.core import mail  # noqa: F401
from matchmaker.jobs import scheduler  # noqa: F401
from matchmaker.services.accounts import privacy  # noqa: F401
from matchmaker.services.alumni import conversion  # noqa: F401
from matchmaker.services.karriarsok import alerts  # noqa: F401
from matchmaker.services.matching_runs import execution  # noqa: F401
from matchmaker.services.notifications import delivery, reminders  # noqa: F401
from matchmaker.services.offers import expiry  # noqa: F401
