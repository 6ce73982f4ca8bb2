"""Jobs started at the same moment in threads, each with its own database connection: the
race tests on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def run_together(jobs: list[Callable[[], T]]) -> list[T]:
    """Run every job in its own thread, released together by a barrier; the outcomes in the
    order the jobs finished."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[T] = []

    def run(job: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(job())
        finally:
            connections.close_all()  # each thread opened a connection of its own

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
