"""Export times: one framed chart image (first, with the browser start, and warm) and the whole
briefing pack (cold: its own browser session, every chart drawn, printed; warm: from the store).

Part of `python dev.py bench`; also `python -m bench.export_times` on its own. A report, not a test.
"""
from __future__ import annotations

import io
import time

from pypdf import PdfReader

from psw_dash.charts import images
from psw_dash.export import pack
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
    cold, pdf = _seconds(lambda: pack.build(pack.WHOLE))
    warm, _ = _seconds(lambda: pack.build(pack.WHOLE))
    reader = PdfReader(io.BytesIO(pdf))
    return {
        "image_first_s": round(first_image, 2), "image_warm_s": round(warm_image, 2), "image_png_bytes": len(png),
        "pack_cold_s": round(cold, 2), "pack_warm_ms": round(warm * 1000, 3), "pack_pages": len(reader.pages),
        "pack_charts": sum(len(page.images) for page in reader.pages), "pack_mb": round(len(pdf) / 1e6, 2),
    }


def print_times(times: dict) -> None:
    print(f"\nExports: one chart image (PNG, {images.WIDTH * images.PNG_SCALE} px wide) "
          f"{times['image_first_s']:.1f} s first (browser start), {times['image_warm_s']:.2f} s warm; "
          f"briefing pack of all views ({times['pack_pages']} pages, {times['pack_charts']} charts, "
          f"{times['pack_mb']} MB) {times['pack_cold_s']:.1f} s cold, {times['pack_warm_ms']:.2f} ms warm")


if __name__ == "__main__":
    print_times(measure())
