"""Server-rendered SVG charts of the evaluation tables, drawn with pygal (no Flask, no JavaScript).

pygal lays out the axes, scales and bars. Its output carries a <style> and a <script> element and one
style attribute; under the app's strict Content-Security-Policy those would be refused, so they are
taken out of the element tree and the chart is styled by static/css/evaluation.css instead. Each chart
is an image with a title and a description; the table beside it holds the same figures as text.
Suppressed figures are drawn as gaps, never as a number.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from pygal.style import Style

# pygal puts a legacy finder on sys.meta_path (for its map plugins, which are not used here). It has no
# find_spec, so Python 3.11 warns (ImportWarning) on every later import that reaches it: take it out again.
sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)]

LABEL_MAX = 24
FONT_PX = 13


def _config() -> dict[str, object]:
    return {
        "js": [],
        "css": [],
        "disable_xml_declaration": True,
        "show_legend": False,
        "explicit_size": False,
        "no_prefix": True,
        "width": 640,
        "height": 320,
        "print_values": True,
        "print_zeroes": True,
        "show_y_guides": True,
        "no_data_text": "",
        "tooltip_border_radius": 0,
        # The sizes static/css/evaluation.css gives the texts: pygal makes room for labels of this size.
        "style": Style(
            label_font_size=FONT_PX,
            major_label_font_size=FONT_PX,
            value_font_size=FONT_PX,
            legend_font_size=FONT_PX,
            title_font_size=16,
        ),
    }


def _clean(tree: ET.Element, chart_id: str, title: str, description: str) -> str:
    """Drop pygal's style and script, mark the SVG as one image with a title and description."""
    for parent in list(tree.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str):  # comments naming the generator
                parent.remove(child)
                continue
            tag = child.tag.split("}")[-1]
            if tag in {"style", "script", "desc", "title"} or (
                tag == "g" and "tooltip" in (child.get("class") or "")
            ):
                parent.remove(child)
    for element in tree.iter():
        element.attrib.pop("style", None)
    for child in list(tree):
        if isinstance(child.tag, str) and child.tag.split("}")[-1] == "defs" and len(child) == 0:
            tree.remove(child)
    tree.attrib.pop("xmlns:xlink", None)
    tree.set("id", chart_id)
    tree.set("class", "chart")
    tree.set("role", "img")
    tree.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    title_el = ET.Element("title", id=f"{chart_id}-title")
    title_el.text = title
    desc_el = ET.Element("desc", id=f"{chart_id}-desc")
    desc_el.text = description
    tree.insert(0, desc_el)
    tree.insert(0, title_el)
    return ET.tostring(tree, encoding="unicode")


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[int | None],
    *,
    horizontal: bool = True,
) -> str:
    """An SVG bar chart of one column of figures (None draws no bar), bars in the order of the table.

    Labels longer than LABEL_MAX characters are shortened with an ellipsis (the table beside has them whole).
    """
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    config = {
        **_config(),
        "height": max(160, 40 * len(labels) + 80) if horizontal else 320,
        "truncate_label": -1,
    }
    chart = kind(**config)
    short = [label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…" for label in labels]
    # A horizontal chart draws its first bar at the bottom: reverse, so it reads top-down like the table.
    chart.x_labels = list(reversed(short)) if horizontal else short
    chart.add(title, list(reversed(values)) if horizontal else list(values))
    return _clean(chart.render_tree(), chart_id, title, description)


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> str:
    """An SVG line chart of figures per month (None leaves a gap)."""
    config = {**_config(), "show_legend": True, "legend_at_bottom": True, "print_values": False}
    many = len(labels) > 12
    chart = pygal.Line(
        **config,
        truncate_label=-1,
        truncate_legend=-1,
        x_label_rotation=30 if many else 0,
        legend_at_bottom_columns=2,
    )
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    return _clean(chart.render_tree(), chart_id, title, description)
