"""The scheduler's memory: when each periodic task last ran, so restarts and extra schedulers never repeat one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class ScheduledTask(Base):
    """One periodic task (jobs/scheduler.py's table) and its last run."""

    __tablename__ = "scheduled_tasks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_result: Mapped[str] = mapped_column(Text, default="", nullable=False)
    runs: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
