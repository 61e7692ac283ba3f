"""Every chart's words fit at a laptop's and a phone's size: no label cut at the chart's edge, none over another.

Plotly draws text where the layout says, whether or not there is room: a bar's value label past the chart's
right edge is cut ("1.4 per m"), two point labels at nearly the same x print over each other (Growth's 111 and
153 on a phone). A reader sees neither as a fault of the chart. Here every text element of every chart, on every
page with charts and in each of its views (each option of each choice, each switch on), is measured in the
browser: its box must lie inside the chart's drawn area and meet no other text's box.
"""

from __future__ import annotations

import itertools

import pytest

from psw_dash.page import layout
from psw_dash.views import views
from tests import a11y

LAPTOP, PHONE = (1366, 768), (390, 844)
# A pixel of anti-aliasing either way is not a cut or an overlap.
TOLERANCE_PX = 1

# The text elements of each chart on the page, with their boxes, and the box of the chart they are drawn in.
MEASURE = """(tolerance) => {
    const problems = [];
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    charts.forEach((chart, c) => {
        const svgs = [...chart.querySelectorAll('svg.main-svg')];
        if (!svgs.length) return;
        const paper = svgs[0].getBoundingClientRect();
        const shown = chart.getBoundingClientRect();
        // The area a reader sees: the SVG, within the element Streamlit gives the chart.
        const area = {left: Math.max(paper.left, shown.left), right: Math.min(paper.right, shown.right),
                      top: Math.max(paper.top, shown.top), bottom: Math.min(paper.bottom, shown.bottom)};
        const name = `chart ${c + 1} (${chart.closest('[class*="st-key-frame-"]')?.querySelector('h2')?.textContent
                      ?.slice(0, 50) || 'no headline'})`;
        const texts = svgs.flatMap(svg => [...svg.querySelectorAll('text')])
            .filter(t => !t.closest('.hoverlayer') && t.textContent.trim() && t.checkVisibility())
            .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect()}))
            .filter(t => t.box.width > 0 && t.box.height > 0);
        for (const t of texts) {
            const b = t.box;
            if (b.left < area.left - tolerance || b.right > area.right + tolerance
                    || b.top < area.top - tolerance || b.bottom > area.bottom + tolerance) {
                problems.push(`${name}: '${t.text}' is cut at the chart's edge (text ${Math.round(b.left)}-` +
                              `${Math.round(b.right)} x ${Math.round(b.top)}-${Math.round(b.bottom)}, chart ` +
                              `${Math.round(area.left)}-${Math.round(area.right)} x ${Math.round(area.top)}-` +
                              `${Math.round(area.bottom)})`);
            }
            if (t.text.endsWith('…')) problems.push(`${name}: '${t.text}' is shortened`);
        }
        texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
            const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (across > tolerance && down > tolerance) {
                problems.push(`${name}: '${a.text}' and '${b.text}' overlap (${Math.round(across)} x ` +
                              `${Math.round(down)} px)`);
            }
        }));
    });
    return problems;
}"""


def chart_text_problems(page) -> list[str]:
    return page.evaluate(MEASURE, TOLERANCE_PX)


# Every view whose charts the pack prints, and the Overview (its headline chart); a page added without charts
# (Downloads, Data and sources, the statement) is left out by that, not by name.
PAGES_WITH_CHARTS = [spec for spec in layout.all_pages() if spec.file in views.PAGE_CHARTS or spec.default]


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366x768", "390x844"])
@pytest.mark.parametrize("spec", PAGES_WITH_CHARTS, ids=[spec.url_path or "overview" for spec in PAGES_WITH_CHARTS])
def test_every_charts_labels_fit_inside_it_and_apart(make_visit, spec, size):
    visit = make_visit(width=size[0], height=size[1])
    # Every state a reader can put the page in (each option of each choice, each switch on), as the axe sweep uses.
    states = a11y.states(visit, spec)
    first = next(states)
    page = visit.page
    assert page.locator('[data-testid="stPlotlyChart"]').count(), f"{spec.title} draws no chart"
    problems = {state: found for state in itertools.chain([first], states) if (found := chart_text_problems(page))}
    assert problems == {}, f"{spec.title} at {size[0]}x{size[1]}: " + "; ".join(
        f"[{state}] " + "; ".join(found) for state, found in problems.items()
    )
