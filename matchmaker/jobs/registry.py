"""The registry of named jobs: a leaf module, so defining a job never imports the queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

JobFn = Callable[..., Any]
REGISTRY: dict[str, JobFn] = {}


def job(name: str) -> Callable[[JobFn], JobFn]:
    """Register a function as a job under `name`."""

    def decorator(fn: JobFn) -> JobFn:
        REGISTRY[name] = fn
        return fn

    return decorator
