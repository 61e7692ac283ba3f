"""Export times: one framed chart image (first, with the browser start, and warm), the whole
briefing pack (cold: its own browser session, every chart drawn, printed; warm: from the store), and
the slides of all views (cold: every chart read into a native chart and saved; warm: from the store).
Each cold build starts with Streamlit's kept charts cleared, so neither reuses the other's.

Part of `python dev.py bench`; also `python -m bench.export_times` on its own. A report, not a test.
"""

from __future__ import annotations

import io
import time

import streamlit as st
from pptx import Presentation
from pypdf import PdfReader

from psw_dash.charts import images
from psw_dash.export import pack, slides
from psw_dash.views import frame, views


def _seconds(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def measure() -> dict:
    framed = views.CHARTS["pay_bands"].framed()
    figure = images.framed_figure(framed.chart, frame.source_line(framed.table), images.caveats(framed.table))
    first_image, _ = _seconds(lambda: images.png(figure))  # starts the shared browser session
    warm_image, png = _seconds(lambda: images.png(figure))
    st.cache_resource.clear()
    cold, pdf = _seconds(lambda: pack.build(pack.WHOLE))
    warm, _ = _seconds(lambda: pack.build(pack.WHOLE))
    reader = PdfReader(io.BytesIO(pdf))
    st.cache_resource.clear()
    slides_cold, pptx = _seconds(lambda: slides.build(pack.WHOLE))
    slides_warm, _ = _seconds(lambda: slides.build(pack.WHOLE))
    deck = Presentation(io.BytesIO(pptx))
    return {
        "image_first_s": round(first_image, 2),
        "image_warm_s": round(warm_image, 2),
        "image_png_bytes": len(png),
        "pack_cold_s": round(cold, 2),
        "pack_warm_ms": round(warm * 1000, 3),
        "pack_pages": len(reader.pages),
        "pack_charts": sum(len(page.images) for page in reader.pages),
        "pack_mb": round(len(pdf) / 1e6, 2),
        "slides_cold_s": round(slides_cold, 2),
        "slides_warm_ms": round(slides_warm * 1000, 3),
        "slides": len(deck.slides),
        "slides_charts": sum(1 for slide in deck.slides for shape in slide.shapes if shape.has_chart),
        "slides_mb": round(len(pptx) / 1e6, 2),
    }


def print_times(times: dict) -> None:
    print(
        f"\nExports: one chart image (PNG, {images.WIDTH * images.PNG_SCALE} px wide) "
        f"{times['image_first_s']:.1f} s first (browser start), {times['image_warm_s']:.2f} s warm; "
        f"briefing pack of all views ({times['pack_pages']} pages, {times['pack_charts']} charts, "
        f"{times['pack_mb']} MB) {times['pack_cold_s']:.1f} s cold, {times['pack_warm_ms']:.2f} ms warm; "
        f"slides of all views ({times['slides']} slides, {times['slides_charts']} native charts, "
        f"{times['slides_mb']} MB) {times['slides_cold_s']:.1f} s cold, {times['slides_warm_ms']:.2f} ms warm: "
        f"{times['slides_cold_s'] / times['pack_cold_s']:.2f} of the pack's cold time"
    )


if __name__ == "__main__":
    print_times(measure())
