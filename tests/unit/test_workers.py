"""The PDF workers keep to their limits: an item over its time or memory is bad input naming it, never a
hung or crashed build."""

from __future__ import annotations

import threading

import pytest

from diglot.errors import DiglotError
from diglot.workers import Workers, WorkLimits


def forever(item: int) -> int:
    while True:  # a document that never finishes rendering
        item += 1


def hog(item: int) -> int:
    return len(bytearray(item))  # a document that wants more memory than a worker may have


def square(item: int) -> int:
    return item * item


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_item_over_its_time_is_stopped_and_named(jobs):
    results: list = []
    with pytest.raises(DiglotError) as raised, Workers(jobs, 2, lambda tag, value: results.append(value),
                                                      WorkLimits(seconds=1, memory=0)) as workers:
        workers.submit(square, 3, "a", "build/print/en/quick.pdf")
        workers.submit(forever, 0, "b", "build/print/en/endless.pdf")
        workers.wait()
    assert str(raised.value).startswith("build/print/en/endless.pdf: error: took longer than 1 s to make; ")
    assert "render-seconds" in str(raised.value)


def test_work_started_off_the_main_thread_keeps_its_time_limit_with_one_job():
    """``diglot serve`` rebuilds in a thread of its own; on a one-core machine that is one job, and only a main
    thread may set the alarm that stops an item over its time."""
    outcome: dict[str, object] = {}

    def rebuild() -> None:
        results: list = []
        try:
            with Workers(1, 2, lambda tag, value: results.append(value), WorkLimits(seconds=1, memory=0)) as workers:
                workers.submit(square, 3, "a", "build/print/en/quick.pdf")
                workers.submit(forever, 0, "b", "build/print/en/endless.pdf")
                workers.wait()
        except Exception as error:  # whatever came out of the thread, for the test to report
            outcome["error"] = error
        outcome["results"] = results

    thread = threading.Thread(target=rebuild)
    thread.start()
    thread.join(timeout=60)
    assert outcome["results"] == [9]
    error = outcome["error"]
    assert isinstance(error, DiglotError), error
    assert str(error).startswith("build/print/en/endless.pdf: error: took longer than 1 s to make; ")


def test_an_item_over_its_memory_is_stopped_and_named():
    with pytest.raises(DiglotError) as raised, Workers(2, 2, lambda tag, value: None,
                                                      WorkLimits(seconds=0, memory=512 * 1024 * 1024)) as workers:
        workers.submit(square, 3, "a", "build/print/en/small.pdf")
        workers.submit(hog, 2 * 1024 * 1024 * 1024, "b", "build/print/en/huge.pdf")
        workers.wait()
    assert str(raised.value).startswith("build/print/en/huge.pdf: error: needs more memory than the render-memory")


def test_work_within_its_limits_is_done():
    results: dict = {}
    with Workers(2, 3, results.__setitem__, WorkLimits(seconds=60, memory=512 * 1024 * 1024)) as workers:
        for n in range(3):
            workers.submit(square, n, n, f"item {n}")
        workers.wait()
    assert results == {0: 0, 1: 1, 2: 4}
