"""A chart's figure as the browser's Plotly gets it: the theme written into the figure, and plain lists.

Streamlit's chart element hands Plotly each figure twice on a page's first visit: it draws it, then, once
it has measured the column, passes a fresh copy with the width set (Plotly.react). Plotly compares the
copy with what it drew and draws the whole chart again if anything looks changed. Two things in a
figure from plotly.py always look changed, even when nothing is:
- its template: Plotly compares `layout.template` as one value, and the copy is a new object;
- its NumPy and pandas values, which plotly.py sends as base64 typed arrays: Plotly decodes them into
  new arrays each time, and compares typed arrays by identity.
So the figure sent has the theme's layout written into its own layout, no template, and every array as a
plain list. Drawn alone, the planner's chart then took 10 ms for the second pass instead of 35 (a whole
drawing); the column's min-height in layout.STYLE removes the other cause of a redraw (bench/README.md).
The figure the builders make is unchanged: images and the briefing pack are drawn from it. Each Chart
converts its figure once (charts.Chart.browser_figure), so a kept view's is converted once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import numpy as np
import plotly.graph_objects as go

# plotly.js typed-array codes (what plotly.py writes as "dtype") as NumPy little-endian types.
_TYPED = {"f8": "<f8", "f4": "<f4", "i1": "i1", "u1": "u1", "i2": "<i2", "u2": "<u2", "i4": "<i4", "u4": "<u4"}
_AXIS = re.compile(r"^[xy]axis\d*$")


def convert(figure: go.Figure) -> go.Figure:
    """A new figure: the template's layout written under the figure's own, arrays as lists, a data revision."""
    spec = figure.to_dict()
    layout = spec["layout"]
    template = layout.pop("template", None) or {}
    defaults = template.get("layout", {})
    unsupported = [f"data.{kind}" for kind in template.get("data", {})] + [
        name for name in defaults if name.endswith("defaults")
    ]
    if unsupported:
        # Trace defaults and item defaults apply per trace type or per item; nothing here needs them.
        raise ValueError(f"cannot write these template parts into the figure: {', '.join(sorted(unsupported))}")
    axes = {name for name in layout if _AXIS.match(name)} | _trace_axes(figure)
    for name, value in defaults.items():
        if name in ("xaxis", "yaxis"):  # a template's axis applies to every axis of its kind
            for axis in sorted(a for a in axes if a.startswith(name)):
                layout[axis] = _under(value, layout.get(axis, {}))
        else:
            layout[name] = _under(value, layout[name]) if name in layout else value
    data, layout = _plain(spec["data"]), _plain(layout)
    # Without a data revision Plotly takes every array in a new copy to be new data, and computes and draws
    # the chart again; with one, only a new revision does. The figure's content names it, so new content
    # is always a new revision.
    content = json.dumps([data, layout], sort_keys=True, default=str)
    layout["datarevision"] = hashlib.sha256(content.encode()).hexdigest()[:16]
    browser = go.Figure({"data": data, "layout": layout})
    browser.layout.template = None  # after construction: plotly.py gives a new figure its default template
    return browser


def _trace_axes(figure: go.Figure) -> set[str]:
    """The cartesian axes the traces draw on ('xaxis', 'yaxis2', ...); a map's traces have none."""
    axes = set()
    for trace in figure.data:
        for kind in ("x", "y"):
            if f"{kind}axis" in trace:
                ref = trace[f"{kind}axis"] or kind
                axes.add(f"{kind}axis{ref[1:]}")
    return axes


def _under(default: Any, own: Any) -> Any:
    """`own` with `default` filling what it leaves unset, at any depth (how Plotly applies a template)."""
    if isinstance(default, dict) and isinstance(own, dict):
        return {**default, **{key: _under(default.get(key), value) for key, value in own.items()}}
    return default if own is None else own


def _plain(value: Any) -> Any:
    """Every base64 typed array ({"dtype": ..., "bdata": ...}) as a list of numbers, at any depth."""
    if isinstance(value, dict):
        if "bdata" in value and value.get("dtype") in _TYPED:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=_TYPED[value["dtype"]])
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return array.tolist()
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
