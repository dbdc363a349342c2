"""The collector pause of loading and rendering leaves the collector as it found it."""

from __future__ import annotations

import gc

import pytest

from imhsite.paused_gc import paused_gc


def test_the_collector_is_off_inside_and_back_on_after_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        assert not gc.isenabled()
        raise ValueError("a failed load")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
