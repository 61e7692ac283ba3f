"""What a screen reader meets in a chart: one figure named by its headline, holding one image named by its values.

Streamlit names each chart's box (role figure, its headline: views/frame.py passes it as alt). Inside, Plotly
draws on three stacked SVG layers (the chart, a top layer for shapes, one for hover boxes), each exposed as an
unnamed image, and the first holds the chart's words as loose text in drawing order ("72% 10% 17% Mix of ...").
This page-side script, sent once a session inside preload's script (so the hosted copy's Content-Security-Policy
allows it by the same hash), keeps every chart so: the first layer an image named by the frame's "In words"
sentence (the values, in order, with their categories), the other layers hidden from the accessibility tree. A
MutationObserver applies it to each chart Plotly draws or draws again; its work waits for the next animation frame,
so a burst of changes (a hover box) costs one pass. Checked by tests/e2e/test_chart_accessibility_tree.py.
"""

from __future__ import annotations

# The class views/frame.py gives the "In words" paragraph, and the prefix taken off it for the image's name.
IN_WORDS_CLASS = "psw-in-words"
FRAME_CLASS = "st-key-frame-"  # each chart frame's container (st.container(key="frame-..."))

SCRIPT = (
    "(() => { let queued = false;"
    " const name = (plot) => { const frame = plot.closest('[class*=\"" + FRAME_CLASS + "\"]');"
    " const words = frame && frame.querySelector('." + IN_WORDS_CLASS + "');"
    " return words ? words.textContent.replace(/^\\s*In words:\\s*/, '').trim() : ''; };"
    " const mark = () => { queued = false;"
    " document.querySelectorAll('.js-plotly-plot').forEach((plot) => {"
    " const layers = plot.querySelectorAll('.svg-container > svg'); if (!layers.length) return;"
    " const label = name(plot) || plot.closest('[role=\"figure\"]')?.getAttribute('aria-label') || 'Chart';"
    " const image = layers[0];"
    " if (image.getAttribute('aria-label') !== label) { image.setAttribute('role', 'img');"
    " image.setAttribute('aria-label', label); }"
    " for (let i = 1; i < layers.length; i++) if (layers[i].getAttribute('aria-hidden') !== 'true')"
    " layers[i].setAttribute('aria-hidden', 'true'); }); };"
    " const queue = () => { if (!queued) { queued = true; requestAnimationFrame(mark); } };"
    " new MutationObserver(queue).observe(document.body, {childList: true, subtree: true}); queue(); })();"
)
