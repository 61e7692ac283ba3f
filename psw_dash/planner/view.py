"""Words and tables for the planner page, from the model's numbers. Pure: no Streamlit, no file reads."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from psw_dash.page import tables
from psw_dash.planner import model as planner
from psw_dash.vocabulary import formatting, milestones

METHOD = (
    (
        "Required growth, steady compound",
        (
            "g = (target / start) ^ (1 / years) - 1, where years = days between the "
            "two dates / 365.25, to 2 decimals (30 September 2019 to 31 March 2024 is 4.5)."
        ),
    ),
    ("Required growth, straight line", "a = (target - start) / years: the same number of PSWs added each year."),
    ("Headcount on the path", "start x (1 + g) ^ t, or start + a x t, t years after the start."),
    ("Years", "financial years ending 31 March; the first and last may be part years."),
    ("Net new posts in a year", "headcount at the year's end - headcount at its start."),
    ("Leavers in a year", "leaver rate x the mean of the year's start and end headcount x the year's length."),
    (
        "Recruits in a year",
        (
            "net new posts + leavers (never below 0): growth plus replacing those who leave. A start "
            "at or above the target is held there (no cuts are modelled), so its recruits replace leavers."
        ),
    ),
    (
        "Trainees in a year",
        (
            "the recruits: every person recruited is trained at least once, so trainees are people, "
            "counted like the recruits and the headcount. The full-time posts they may fill: as few as recruits / PSWs "
            "trained per FTE post filled, the training provider's rough guide for a first group of PSWs, because some PSWs "
            "do not feel ready for full-time posts at first."
        ),
    ),
    ("A year, on average", "the total over the path / its length in years."),
    (
        "When the target is reached at growth r",
        (
            "compound: log(target / start) / log(1 + r) years; straight line: "
            "(target - start) / (start x r) years, that is r of the starting count added each year. Never, at zero "
            "or negative growth."
        ),
    ),
    ("Your counts ahead or behind", "each count against the path's headcount on its date."),
)

ABOUT_HTML = tables.disclosed(
    "About this model",
    "<p>Every output on this page is <strong>modelled</strong> from the inputs above; none is a count.</p><ul>"
    + "".join(f"<li><strong>{html.escape(name)}</strong>: {html.escape(formula)}</li>" for name, formula in METHOD)
    + "</ul>",
)

# Six columns at most, so the table fits a 320 px screen without scrolling (WCAG 1.4.10); every value is
# modelled, and each column says so, on screen and in the CSV.
TABLE_COLUMNS = {
    "financial_year": "Financial year",
    "headcount_end": "Headcount at end (modelled)",
    "net_new_posts": "Net new posts (modelled)",
    "leavers": "Leavers (modelled)",
    "recruits": "Recruits, each trained at least once (modelled)",
    "fte_posts_as_few_as": "FTE posts they may fill, as few as (modelled)",
}


def whole(value: float) -> str:
    return formatting.number(round(value))


def target_text(scenario: planner.Scenario) -> str:
    """The target as its plan printed it: 'over 6,500', never a bare '6,500' where the plan said 'over'."""
    return formatting.bound(scenario.target_bound) + whole(scenario.target_count)


def modelled_as(scenario: planner.Scenario) -> str:
    """' (modelled as exactly 6,500)' for a target printed with a bound; '' otherwise."""
    return f" (modelled as exactly {whole(scenario.target_count)})" if scenario.target_bound else ""


def trainees_words(scenario: planner.Scenario) -> str:
    """What the trainees ratio is, beside every figure made from it."""
    return f"up to {scenario.trainees_per_post:g} PSWs trained per FTE post filled"


def recruits_words(totals: planner.Totals) -> str:
    """The recruits, who are the trainees (people), and the fewest full-time posts they may fill."""
    return (
        f"about {whole(totals.recruits_a_year)} recruits a year, each trained at least once, who may fill as few "
        f"as {whole(totals.fte_posts_a_year_as_few_as)} full-time posts"
    )


def met_words(scenario: planner.Scenario) -> str:
    """'the target as modelled (6,500, printed as 'over 6,500', so more may be needed)': a start equal to a bound
    target meets the number modelled, not the words printed."""
    printed = f", printed as '{target_text(scenario)}', so more may be needed" if scenario.target_bound else ""
    return f"the target as modelled ({whole(scenario.target_count)}{printed})"


def pace(scenario: planner.Scenario) -> str:
    growth = planner.required_growth(scenario)
    if scenario.shape == planner.STRAIGHT:
        return f"{whole(growth)} PSWs a year"
    return f"{growth * 100:.0f}% a year"


def sentence(scenario: planner.Scenario, totals: planner.Totals, today: date) -> str:
    """The answer in one plain sentence, in the past tense when the target date has passed."""
    when = f"by {formatting.date_text(scenario.target_date)}"
    assumptions = (
        f" (modelled, with {scenario.leaver_rate * 100:g}% of staff leaving each year and {trainees_words(scenario)})"
    )
    if scenario.target_met:
        # The path holds the start (planner.required_growth): no cuts to the target are modelled.
        return (
            f"{whole(scenario.start_count)} on {formatting.date_text(scenario.start_date)} already meets "
            f"{met_words(scenario)}: no growth is needed. Holding {whole(scenario.start_count)} "
            f"means replacing those who leave: {recruits_words(totals)}" + assumptions + "."
        )
    verb = "would have had to" if scenario.target_date < today else "would have to"
    # The start first: a reader who changed it sees at once that the answer is for the start they gave.
    return (
        f"From {whole(scenario.start_count)} on {formatting.date_text(scenario.start_date)}, to reach "
        f"{target_text(scenario)}{modelled_as(scenario)} {when}, the workforce {verb} grow by about "
        f"{pace(scenario)}: {recruits_words(totals)}" + assumptions + "."
    )


def modelled_from(start: str | None, target: str | None, leaver_rate: str | None, trainees: str | None) -> str:
    """The source line's account of the path's inputs: each a citation, or None where the reader typed their own.

    A reader's own number is never credited to a document: the report did not print their leaving rate.
    """
    parts = (
        ("start", start, "your own starting count"),
        ("target", target, "your own target"),
        ("leavers", leaver_rate, "your own leaver rate"),
        ("trainees per FTE post", trainees, "your own trainees per FTE post"),
    )
    return "Modelled from: " + "; ".join(f"{what} {cited}" if cited else own for what, cited, own in parts) + "."


def reverse_sentence(scenario: planner.Scenario, growth_percent: float) -> str:
    reached = planner.when_reached(scenario, growth_percent / 100)
    shape = "a year, compound" if scenario.shape == planner.COMPOUND else "of the starting count added each year"
    target = target_text(scenario)
    if scenario.target_met:
        return f"The starting count of {whole(scenario.start_count)} already meets {met_words(scenario)}."
    if reached is None:
        return f"At {growth_percent:g}% {shape}, the target of {target} is never reached (modelled)."
    years = planner.years_to_target(scenario.start_count, scenario.target_count, growth_percent / 100, scenario.shape)
    return (
        f"At {growth_percent:g}% {shape}, {target} would be reached in about {years:.1f} years, around "
        f"{reached:%B %Y} (modelled), against the target date of {formatting.date_text(scenario.target_date)}."
    )


def yearly_table(plan: pd.DataFrame, citation: dict, note: str) -> pd.DataFrame:
    """The yearly plan as shown and downloaded: whole people, marked modelled, with citation columns."""
    table = plan[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    for column in list(TABLE_COLUMNS.values())[1:]:
        table[column] = table[column].round().astype(int)
    return table.assign(**citation, note=note)


def against_default_path(counts: pd.DataFrame, start: float, target: float) -> str:
    """A user's counts read against the planner's default path (steady compound growth from the census to the
    target's date, end of 2023/24), for pages that show the counts without the planner's inputs."""
    path = planner.Scenario(
        start, milestones.CENSUS_DATE, target, milestones.TARGET_DATE, leaver_rate=0, trainees_per_post=1
    )
    return (
        ahead_behind(planner.compare_counts(path, counts))
        + f" The path is the planner's default: steady compound growth to {whole(target)} by "
        f"{formatting.date_text(milestones.TARGET_DATE)} (modelled); change it on the Plan to the target page."
    )


def ahead_behind(compared: pd.DataFrame) -> str:
    """'Your count of 2,100 on 31 March 2023 is 1,140 behind the path (3,240).' for each count."""
    parts = []
    for row in compared.itertuples():
        head = f"your count of {whole(row.count)} on {formatting.date_text(row.date)}"
        if row.status == "outside the path's dates":
            parts.append(head + " falls outside the path's dates")
        elif row.status == "on the path":
            parts.append(head + " is on the path")
        else:
            relation = "ahead of" if row.status == "ahead" else "behind"
            parts.append(f"{head} is {whole(abs(row.difference))} {relation} the path ({whole(row.required)})")
    text = "; ".join(parts)
    return "User-supplied: " + text + "." if text else ""


def tile_items(scenario: planner.Scenario, totals: planner.Totals) -> tuple[tuple[str, str, str], ...]:
    """The headline outputs (label, value, what it rests on), each marked modelled: the page's tiles, the pack's
    table."""
    growth = "none needed" if scenario.target_met else pace(scenario)
    recruits_detail = (
        "leavers replaced, holding the start"
        if scenario.target_met
        else f"growth plus {scenario.leaver_rate * 100:g}% leaving a year"
    )
    return (
        ("Growth needed (modelled)", growth, ""),
        ("Net new posts in all (modelled)", whole(totals.net_new_posts), ""),
        # Trainees are the recruits (people, each trained at least once): one tile for them, not the same number
        # twice; the training provider's guide gives the next tile, the fewest full-time posts they may fill.
        ("Recruits a year, each trained at least once (modelled)", whole(totals.recruits_a_year), recruits_detail),
        (
            "FTE posts they may fill a year, as few as (modelled)",
            whole(totals.fte_posts_a_year_as_few_as),
            trainees_words(scenario),
        ),
    )


def tiles_table(scenario: planner.Scenario, totals: planner.Totals) -> pd.DataFrame:
    return pd.DataFrame(
        [(label, value, "modelled", detail) for label, value, detail in tile_items(scenario, totals)],
        columns=["Figure", "Value", "Type", "What it rests on"],
    )


def tiles(scenario: planner.Scenario, totals: planner.Totals) -> str:
    """The headline outputs as one HTML block in the tile style of frame.metrics, each marked modelled."""
    items = tile_items(scenario, totals)
    return (
        '<div class="psw-tiles">'
        + "".join(
            f'<div class="psw-tile"><p class="psw-tile-label">{html.escape(label)}</p>'
            f'<p class="psw-tile-value">{html.escape(value)}</p>'
            + (f'<p class="psw-tile-detail">{html.escape(detail)}</p>' if detail else "")
            + "</div>"
            for label, value, detail in items
        )
        + "</div>"
    )


def evidence_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Later evidence rows as printed: measure, category, value with its bound, period, caveats."""
    return pd.DataFrame(
        {
            "Measure": rows["measure"],
            "Category": rows["category"],
            # 'at least 4', 'about 140': the bound travels with the value (formatting.figure)
            "Value": [formatting.figure(row) for _, row in rows.iterrows()],
            "Period": rows["period"],
            "Caveats, and how it was printed": rows["note"],
        }
    )


def evidence_html(sections: list[tuple[str, pd.DataFrame, str]]) -> str:
    """The later evidence as one HTML block: per source a heading, its figures as printed (in a disclosure), its
    source line.

    One element, not nine: each Streamlit element costs the browser time on every visit. Every cell is
    escaped (tables.table_html).
    """
    parts = []
    for title, rows, source in sections:
        table = evidence_table(rows)
        # Each table a click away, under the words above that give every figure with its scope and caveats:
        # closed, its rows are not laid out on every visit (tables.disclosed).
        parts.append(
            f"<h3>{html.escape(title)}</h3>"
            + tables.disclosed(
                f"Table: its {len(table)} figures as printed, with their caveats", tables.table_html(table)
            )
            + f'<p class="psw-source">{html.escape(source)}</p>'
        )
    return "".join(parts)
