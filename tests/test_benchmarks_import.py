"""The benchmarks are scripts, not tests, but they must keep importing: a helper moved between them breaks them."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted(
    path.stem
    for path in (Path(__file__).resolve().parents[1] / "benchmarks").glob("*.py")
    if path.stem != "__init__"
)


@pytest.mark.parametrize("name", BENCHMARKS)
def test_each_benchmark_imports_and_has_a_main(name):
    module = importlib.import_module(f"benchmarks.{name}")
    if not name.startswith("_"):
        assert callable(getattr(module, "main", None)), f"benchmarks/{name}.py has no main()"
