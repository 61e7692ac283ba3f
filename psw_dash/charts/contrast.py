"""Every colour a Plotly figure draws text and marks in, resolved as Plotly resolves it, with its WCAG contrast.

Plotly draws charts as SVG, where axe-core reads no text, so the contrast of chart words is checked
here instead, from the built figure itself: text needs 4.5:1 against what it sits on (WCAG 1.4.3),
lines, markers and filled shapes 3:1 against the background (1.4.11). A filled shape counts as seen
if its fill or its outline reaches 3:1 (the map's light shades have dark outlines). Grid lines are
left out: the values they help read are printed as labels and in the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

TEXT_MINIMUM = 4.5
MARK_MINIMUM = 3.0
PLOTLY_DEFAULT_TEXT = "#444444"  # what Plotly uses when neither the figure nor its template sets a font colour


@dataclass(frozen=True)
class Use:
    """One colour in use: what it colours, the colour, what it sits on, and whether it is text or a mark."""

    what: str
    colour: str
    background: str
    kind: str  # "text" or "mark"

    @property
    def ratio(self) -> float:
        return ratio(self.colour, self.background)

    @property
    def minimum(self) -> float:
        return TEXT_MINIMUM if self.kind == "text" else MARK_MINIMUM

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip().lower()
    named = {"white": "#ffffff", "black": "#000000"}
    colour = named.get(colour, colour)
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    if colour.startswith("rgb"):
        parts = [float(p) for p in colour[colour.index("(") + 1 : colour.index(")")].split(",")]
        if len(parts) == 4 and parts[3] < 1:
            raise ValueError(f"translucent colour {colour!r}: its contrast depends on what is behind it")
        return parts[0], parts[1], parts[2]
    raise ValueError(f"cannot read colour {colour!r}")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _get(node: Any, *path: str) -> Any:
    """figure.layout.xaxis.tickfont.color and the like, None where any step is unset."""
    for step in path:
        if node is None:
            return None
        node = node[step] if isinstance(node, dict) else getattr(node, step, None)
    return node


def _colours(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)]


def uses(figure: go.Figure) -> list[Use]:
    """Every text and mark colour the figure draws with, each with what it sits on."""
    layout, template = figure.layout, figure.layout.template.layout if figure.layout.template else None

    def setting(*path: str) -> Any:
        own = _get(layout, *path)
        return own if own is not None else _get(template, *path)

    paper = setting("paper_bgcolor") or "white"
    plot = setting("plot_bgcolor") or paper
    body_text = setting("font", "color") or PLOTLY_DEFAULT_TEXT
    found: list[Use] = [Use("chart font", body_text, plot, "text")]

    for name in ("xaxis", "yaxis"):
        if setting(name, "visible") is False:
            continue
        default = setting(name, "color") or body_text
        found.append(Use(f"{name} tick labels", setting(name, "tickfont", "color") or default, paper, "text"))
        if _get(layout, name, "title", "text"):
            found.append(Use(f"{name} title", setting(name, "title", "font", "color") or default, paper, "text"))
    for annotation in layout.annotations or ():
        background = annotation.bgcolor if annotation.bgcolor not in (None, "rgba(0,0,0,0)") else plot
        found.append(Use(f"annotation {annotation.text!r}", annotation.font.color or body_text, background, "text"))
    for shape in layout.shapes or ():
        if shape.line and shape.line.color and (shape.line.width is None or shape.line.width > 0):
            found.append(Use(f"{shape.type} shape", shape.line.color, plot, "mark"))

    hover_background = setting("hoverlabel", "bgcolor")
    hover_text = setting("hoverlabel", "font", "color")
    for trace in figure.data:
        label = f"{trace.type} {trace.name or ''}".strip()
        if trace.hoverinfo != "skip":
            background = _get(trace, "hoverlabel", "bgcolor") or hover_background
            text = _get(trace, "hoverlabel", "font", "color") or hover_text
            if not background or not text:
                raise ValueError(f"{label}: hover label colours are left to Plotly; set them in the theme")
            found.append(Use(f"{label} hover text", text, background, "text"))
        if trace.text is not None and (trace.type == "bar" or "text" in (trace.mode or "")):
            outside = _get(trace, "outsidetextfont", "color") if trace.type == "bar" else None
            for colour in _colours(outside or _get(trace, "textfont", "color")) or [body_text]:
                found.append(Use(f"{label} text labels", colour, plot, "text"))
        found += _trace_marks(trace, label, plot)
        colorbar = _get(trace, "marker", "colorbar") if _get(trace, "marker", "showscale") else None
        if colorbar is not None:
            found.append(Use("colour bar labels", _get(colorbar, "tickfont", "color") or body_text, paper, "text"))
            found.append(Use("colour bar title", _get(colorbar, "title", "font", "color") or body_text, paper, "text"))
    return found


def _trace_marks(trace: Any, label: str, background: str) -> list[Use]:
    marks: list[Use] = []
    mode = (trace.mode or "") if trace.type == "scatter" else ""
    if trace.type == "bar":
        marks += [Use(f"{label} bar", c, background, "mark") for c in _colours(trace.marker.color)]
    if "markers" in mode and trace.x is not None and any(x is not None for x in trace.x):
        marks += [Use(f"{label} marker", c, background, "mark") for c in _colours(trace.marker.color)]
    line = trace.line.color if trace.type == "scatter" and (trace.line.width is None or trace.line.width > 0) else None
    if trace.type == "scatter" and trace.fill not in (None, "none"):
        # A filled shape is seen by its fill or by its outline, whichever contrasts more.
        candidates = [c for c in (trace.fillcolor, line) if c]
        best = max(candidates, key=lambda c: ratio(c, background))
        marks.append(Use(f"{label} filled shape", best, background, "mark"))
    elif "lines" in mode and line:
        marks.append(Use(f"{label} line", line, background, "mark"))
    return marks


def failures(figure: go.Figure) -> list[str]:
    return [
        f"{u.what}: {u.colour} on {u.background} is {u.ratio:.2f}:1, needs {u.minimum}:1"
        for u in uses(figure)
        if not u.passes
    ]
