"""The load benchmark's percentile (benchmarks/load.py), the figure its goal line rests on."""

from __future__ import annotations

import math

from benchmarks.load import percentile


def test_percentile_interpolates_between_the_nearest_two_values():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 0.5) == 50.5
    assert math.isclose(percentile(values, 0.95), 95.05)
    assert percentile(values, 1.0) == 100.0
    assert percentile(values, 0.0) == 1.0


def test_percentile_of_unsorted_and_tiny_samples():
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.95) == 7.0
    assert math.isnan(percentile([], 0.95))
