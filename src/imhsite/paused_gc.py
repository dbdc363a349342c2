"""Pause Python's cyclic garbage collector while a stage builds many long-lived objects.

Loading and rendering allocate hundreds of thousands of objects that stay alive (nodes,
models, pages); each automatic collection then walks all of them again, which made loading
200 states take 9 times as long as 50. What they discard is freed by reference counting; any
cycle left behind is collected when the collector resumes.

A server (`mkdocs serve`) keeps those objects across rebuilds, and every full collection
walked them again (half a second to a second at 200 states, every few rebuilds). `freeze_survivors` sets them
aside once; the collector then walks only what later builds make.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with automatic cyclic collection off (as it was, after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_survivors() -> None:
    """Collect what is garbage now, then move every object still alive to the collector's
    permanent generation, which no collection walks (objects there are still freed when no
    longer referenced; a cycle among them is not)."""
    gc.collect()
    gc.freeze()
