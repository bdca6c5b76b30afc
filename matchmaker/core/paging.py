"""One page of a longer list, counted and sliced in SQL."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


class PastLastPage(Exception):
    """A page number after the last page; the web answers with a redirect to `last`."""

    def __init__(self, last: int) -> None:
        super().__init__(f"past the last page ({last})")
        self.last = last


def check_in_range(page: int, pages: int) -> None:
    """Raise PastLastPage when `page` is after the last of `pages` pages."""
    if page > max(1, pages):
        raise PastLastPage(max(1, pages))


@dataclass
class Page(Generic[T]):
    """One page of a longer list."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session: Session, stmt: Select[Any], page: int, per_page: int, *, scalars: bool = True) -> Page[Any]:
    """Run `stmt` for one page; the total comes from a COUNT over the same statement."""
    page = max(1, page)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    check_in_range(page, math.ceil(total / per_page))
    query = stmt.limit(per_page).offset((page - 1) * per_page)
    items = list(session.scalars(query)) if scalars else list(session.execute(query).all())
    return Page(items, total, page, per_page)
