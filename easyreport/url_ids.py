"""Numeric ids in URLs: only values every database's id column can hold, so a huge id is a 404, never a 500."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map, ValidationError

from easyreport.row_ids import MAX_ID, MAX_ID_DIGITS


class RowIdConverter(IntegerConverter):
    """The `int` converter, bounded to the id column's range (routes that set their own min/max keep them)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> Any:
        # Python refuses to parse very long digit strings (a ValueError Werkzeug does not catch).
        if len(value.lstrip("0")) > MAX_ID_DIGITS:
            raise ValidationError()
        return super().to_python(value)
