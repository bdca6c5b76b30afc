"""The cyclic garbage collector paused while a step builds many long-lived, acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, re-enabling it after (if it was enabled).

    Reading 30 000 documents or fitting on them creates millions of objects that all survive, so the
    collector's full passes find nothing to free and only scan the documents again and again (0.3 to 0.5 s
    of a 10 s `matchmaker match`). Objects are still freed by reference counting meanwhile; the rare
    cycle waits for the next collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
