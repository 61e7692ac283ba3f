"""The charts of every view, as data: what the pages draw, and what the briefing pack prints.

A page shows one of its charts at a time (a choice); the pack prints them all. Both read the
same specs here, so a chart added to a view reaches the pack without a second list to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from psw_dash.charts import charts, label_width, maps, theme
from psw_dash.own_files import regional
from psw_dash.page import content
from psw_dash.planner import defaults as planner_defaults
from psw_dash.planner import model as planner
from psw_dash.planner import view as planner_view
from psw_dash.planner.chart import planner_chart
from psw_dash.reading import data
from psw_dash.views import regions_words
from psw_dash.vocabulary import sources


@dataclass(frozen=True)
class Framed:
    """What the chart frame shows: the chart, the rows behind it (with citations), and their extras."""

    key: str
    chart: charts.Chart
    table: pd.DataFrame
    extra_source: str | None = None
    beside: charts.Chart | None = None
    table_title: str = "Table: the numbers in the chart"
    table_open: bool = False  # a table of words the chart cannot hold (the report's regional readings) shows open

    @property
    def charts(self) -> list[charts.Chart]:
        return [self.chart] + ([self.beside] if self.beside is not None else [])


@dataclass(frozen=True)
class Breakdown:
    """Catalogue rows -> labelled bars, headline from content/headlines.toml.

    table_extra names further rows (e.g. the counts behind the shares) for the table and download only.
    """

    key: str
    patterns: tuple[str, ...]
    labels: tuple[str, ...] | None = None
    table_extra: tuple[str, ...] = ()

    def framed(self) -> Framed:
        rows, table = _rows_and_table(self.patterns, self.table_extra)
        labels = list(self.labels) if self.labels else None
        return Framed(self.key, charts.bars(rows, content.headline(self.key), labels=labels), table)


@dataclass(frozen=True)
class Comparison:
    """PSW figures beside the comparator the report gives, category by category; names label each series."""

    key: str
    patterns: tuple[str, ...]
    names: tuple[str, ...] | None = None
    table_extra: tuple[str, ...] = ()

    def framed(self) -> Framed:
        rows, table = _rows_and_table(self.patterns, self.table_extra)
        measures = list(dict.fromkeys(rows["measure"]))
        names = list(self.names) if self.names else None
        return Framed(self.key, charts.comparison_bars(rows, content.headline(self.key), measures, names), table)


def _rows_and_table(patterns: tuple[str, ...], table_extra: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows a chart draws, and those rows plus the extras that only the table and download carry."""
    rows = data.rows(*patterns)
    return rows, pd.concat([rows, data.rows(*table_extra)], ignore_index=True) if table_extra else rows


# Built once per data version and shared by every session and run: a view's chart is a pure function of
# the shipped data and its options, and building it took 5 to 56 ms of each run (the map the most). Nothing
# downstream changes a Framed in place: pages and exports copy a figure before adding to it.
@st.cache_resource(show_spinner=False, max_entries=128)
def _kept(builder: str, version: str, *options) -> Framed:
    builders: dict[str, Callable[..., Framed]] = {
        "chart": lambda key: CHARTS[key].framed(),
        "growth": _growth,
        "map": _regions_map,
        "report_regions": _report_regions,
    }
    return builders[builder](*options)


def framed(key: str) -> Framed:
    """One of CHARTS in its frame, from the shipped data."""
    return _kept("chart", data.version(), key)


def growth(show_later_plan: bool = False) -> Framed:
    """Headcount against the target, the series break drawn; the derived metrics' method in the source line."""
    return _kept("growth", data.version(), show_later_plan)


def _growth(show_later_plan: bool) -> Framed:
    chart = charts.growth_chart(data.headcount_series(), data.targets(), show_later_plan=show_later_plan)
    return Framed("growth", chart, data.headcount_series(), extra_source=content.headline("growth_metrics"))


def planner_path(
    scenario: planner.Scenario, target_label: str, show_later_plan: bool, user_counts: pd.DataFrame | None = None
) -> charts.Chart:
    """The planner's chart: the Growth page's chart with the scenario's modelled path (planner_chart).

    Kept per data version and scenario when it holds only shipped data: every session's first visit draws the
    default scenario, and building the figure and its browser copy (browser_figure) took about 35 ms of the
    page's run. A user's own counts are never kept beyond their session.
    """
    if user_counts is None:
        return _kept_planner_path(data.version(), scenario, target_label, show_later_plan)
    return _planner_path(scenario, target_label, show_later_plan, user_counts)


# Apart from _kept, so that readers trying many scenarios push out only other scenarios.
@st.cache_resource(show_spinner=False, max_entries=32)
def _kept_planner_path(
    version: str, scenario: planner.Scenario, target_label: str, show_later_plan: bool
) -> charts.Chart:
    return _planner_path(scenario, target_label, show_later_plan)


def _planner_path(
    scenario: planner.Scenario, target_label: str, show_later_plan: bool, user_counts: pd.DataFrame | None = None
) -> charts.Chart:
    targets = data.targets()
    shown = targets if show_later_plan else targets[targets["target_id"] == "ltp_2019"]
    return planner_chart(
        growth(show_later_plan).chart, data.headcount_series(), shown, scenario, target_label, user_counts=user_counts
    )


def planner_framed(
    planned: planner_defaults.Planned, plan: pd.DataFrame | None = None, user_counts: pd.DataFrame | None = None
) -> Framed:
    """The planner's chart in its frame: the path, the yearly plan (every value modelled, with the method and the
    series break in its note) and a source line that credits no document for a reader's own input."""
    scenario = planned.scenario
    plan = planner.yearly_plan(scenario) if plan is None else plan
    chart = planner_path(scenario, planned.target_label, planned.show_later_plan, user_counts=user_counts)
    citation = planned.path_citation()
    note = (
        "Modelled, not counted: "
        + "; ".join(f"{name}: {formula}" for name, formula in planner_view.METHOD[:8])
        + " "
        + sources.series_break_note(data.value("participation.organisations"))
    )
    extra = planned.modelled_from() + (" Your counts are user-supplied." if user_counts is not None else "")
    return Framed("planner", chart, planner_view.yearly_table(plan, citation, note), extra_source=extra)


def trust_lists(opened: str | None = None) -> str:
    """Each region's participating trusts as HTML (regional.trusts_by_region_html), `opened` open; built once
    per data version: it reads no input but the link's region, and building it took about 11 ms a run."""
    return _trust_lists(data.version(), opened)


@st.cache_resource(show_spinner=False, max_entries=16)
def _trust_lists(version: str, opened: str | None) -> str:
    return regional.trusts_by_region_html(data.trusts(), data.regions_geo(), opened)


def regions_map(regions=None, metric_id: str = "trusts", metrics: dict | None = None) -> Framed:
    """The regional choropleth beside the same values ranked, for one measure (default: participating trusts).

    `regions` and `metrics` carry a user's own counts (the Regions page's upload); without them, the map of
    the shipped data is built once and kept.
    """
    if regions is None and metrics is None:
        return _kept("map", data.version(), metric_id)
    return _regions_map(metric_id, regions, metrics)


def report_regions() -> Framed:
    """What the report says of each region's NHS-employed PSWs per 100,000 (lower, higher, mixed, not stated) on
    the map, in words and as a table: the Regions view's lead, as the report printed no regional numbers."""
    return _kept("report_regions", data.version())


def _report_regions() -> Framed:
    statements = regions_words.ordered(data.regional_statements())
    regions = data.regions_geo()
    chart = maps.reading_map(
        regions, regions_words.headline(statements), regions_words.SUBTITLE, regions_words.summary(statements)
    )
    return Framed(
        "report_regions",
        chart,
        regions_words.table(statements),
        extra_source=sources.BOUNDARY_ATTRIBUTION,
        table_title="Table: the report's areas, its words and the NHS England regions",
        table_open=True,
    )


def _regions_map(metric_id: str, regions=None, metrics: dict | None = None) -> Framed:
    regions = data.regions_geo() if regions is None else regions
    metrics = metrics or regional.worded(data.value("target.ltp_psws_planned"), data.trusts())
    metric = metrics[metric_id]
    rows = regional.metric_rows(regions, metric_id, metrics)
    reference = regional.reference_line(metric_id, data.figure("per_100k.england_rate_2019"))
    # Long region names on two lines, so the bars and their labels keep room on a phone.
    ranked = charts.bars(
        rows,
        regional.headline(rows),
        reference=reference,
        labels=[label_width.wrapped(name, 100, theme.FONT_SIZE) for name in rows["category"]],
    )
    england_map = maps.region_map(
        regions,
        metric.column,
        metric.label,
        metric.unit,
        ranked.headline,
        ranked.subtitle,
        ranked.summary,
        derived=metric.kind != "reference",
    )
    return Framed("map", england_map, rows, extra_source=sources.BOUNDARY_ATTRIBUTION, beside=ranked)


CHARTS = {
    spec.key: spec
    for spec in (
        Breakdown(
            "participation",
            ("participation.employing_pct", "participation.not_employing_pct"),
            table_extra=(
                "participation.organisations",
                "participation.coverage_pct",
                "participation.employing",
                "participation.not_employing",
            ),
        ),
        Breakdown(
            "per_trust",
            ("per_trust.min", "per_trust.median", "per_trust.mean", "per_trust.max"),
            table_extra=("per_trust.orgs_above_40",),
        ),
        Breakdown("per_100k", ("per_100k.min", "per_100k.median", "per_100k.mean", "per_100k.max")),
        Breakdown("settings", ("settings.*",)),
        Breakdown("service_models", ("service_models.*",)),
        Breakdown("employment", ("employment.*",)),
        Breakdown("paid_unpaid", ("paid_unpaid.paid_pct", "paid_unpaid.unpaid_pct")),
        Breakdown(
            "paid_roles",
            ("paid_roles.psw", "paid_roles.trainee", "paid_roles.coordinator_manager", "paid_roles.other"),
            table_extra=("paid_roles.psw_count",),
        ),
        Breakdown(
            "unpaid_roles",
            ("unpaid_roles.psw", "unpaid_roles.trainee", "unpaid_roles.other"),
            table_extra=("unpaid_roles.headcount",),
        ),
        Breakdown(
            "pay_bands",
            ("pay_bands.band_*",),
            table_extra=("pay_bands.support_worker_comparable", "pay_bands.other_bands_count"),
        ),
        Breakdown(
            "supervision",
            ("supervision.mix_of_roles", "supervision.team_managers", "supervision.senior_psws"),
            table_extra=("supervision.solely_nurses_ots_sws",),
        ),
        Breakdown(
            "line_management",
            ("line_management.team_managers", "line_management.senior_psws", "line_management.mix_of_roles"),
        ),
        Comparison(
            "ethnicity",
            ("ethnicity.psw.*", "ethnicity.population.*"),
            names=("PSWs", "England and Wales population", "UK population"),
            table_extra=("ethnicity.n_reported",),
        ),
        Comparison(
            "gender",
            ("gender.psw.female", "gender.psw.male", "gender.nhs_workforce.*"),
            names=("PSWs", "NHS workforce"),
            table_extra=("gender.n_reported", "gender.psw.male_count", "gender.psw.non_binary_count"),
        ),
        Breakdown("age", ("age.psw.*",), table_extra=("age.n_reported",)),
        Comparison(
            "disability",
            ("disability.psw.*", "disability.mh_staff.*"),
            names=("PSWs", "Mental health staff"),
            table_extra=("disability.n_reported",),
        ),
        Breakdown(
            "sickness",
            ("sickness.rate", "sickness.adult_mh_rate", "sickness.nhs_overall_rate"),
            labels=("Peer support workers", "Adult mental health services (UK)", "NHS overall"),
            table_extra=("sickness.wte_off_sick",),
        ),
        Breakdown(
            "vacancies",
            ("vacancies.rate", "vacancies.nhs_overall_rate"),
            labels=("Peer support workers", "NHS overall"),
            table_extra=("vacancies.wte",),
        ),
        Breakdown(
            "turnover",
            ("turnover.mh_community_rate", "turnover.mh_inpatient_rate"),
            table_extra=("turnover.leavers_wte",),
        ),
        Breakdown(
            "training",
            ("training.in_house", "training.third_sector", "training.fe_college", "training.university"),
            table_extra=("training.not_in_house_count",),
        ),
        Breakdown("training_mix", ("training.in_house_solely_internal", "training.in_house_plus_external")),
        Breakdown(
            "other_sectors",
            ("other_sectors.staff.*",),
            table_extra=("other_sectors.additional_psws", "other_sectors.nhs_share_pct"),
        ),
        Comparison(
            "other_sectors_submissions",
            (
                "other_sectors.submissions.independent",
                "other_sectors.submissions.local_authority",
                "other_sectors.submissions.voluntary",
                "other_sectors.submissions_with_staff.*",
            ),
            names=("Returns", "Returns reporting PSWs"),
            table_extra=("other_sectors.submissions.total", "other_sectors.la_not_employing"),
        ),
    )
}


def _specs(*keys: str) -> tuple[Callable[[], Framed], ...]:
    return tuple(CHARTS[key].framed for key in keys)


# Every chart of each view, in the order its choices list them: the pack prints all of them.
PAGE_CHARTS: dict[str, tuple[Callable[[], Framed], ...]] = {
    "pages/growth.py": (growth,),
    "pages/workforce_profile.py": _specs("participation", "per_trust", "per_100k", "settings"),
    "pages/service_models.py": _specs("service_models"),
    "pages/employment.py": _specs(
        "employment", "paid_unpaid", "paid_roles", "unpaid_roles", "pay_bands", "supervision", "line_management"
    ),
    "pages/people.py": _specs("ethnicity", "gender", "age", "disability"),
    "pages/wellbeing.py": _specs("sickness", "vacancies", "turnover"),
    "pages/training.py": _specs("training", "training_mix"),
    "pages/other_sectors.py": _specs("other_sectors", "other_sectors_submissions"),
    "pages/regions.py": (report_regions, regions_map),
    # The default scenario; the pack prints the one on screen when there is one (export/pack.py).
    "pages/planner.py": (lambda: planner_framed(planner_defaults.default()),),
}


# Headline figures shown as tiles (figure id -> label; labels may name figures), by the key a page asks for.
TILES = {
    "overview": {
        "headcount.total": "Peer support workers, 30 Sep 2019",
        # Counts, the share beside them: a reader quotes "742", which the report prints as "742 (86%)".
        "headcount.nhs_employed": "Employed by the NHS ({headcount.nhs_employed_pct} directly employed)",
        "headcount.external": "Employed by external organisations ({headcount.external_pct})",
        "participation.employing": "Trusts directly employing PSWs (of {participation.organisations})",
        "growth.multiple_2015_16_to_2019_nhs_employed": "Growth since 2015/16, NHS-employed PSWs (closest like for like)",
        # The sources differ on what 4,730 counts: the label says which reading the tile uses (method: both).
        "target.gap_2019": "Short of the {target.ltp_psws_planned} target, read as PSWs in post (sources differ)",
    },
    # Growth on the closest like-for-like basis first (NHS-employed), beside the growth the target needed: the
    # page's answer in its first row, on a laptop's first screen. Then all PSWs, which crosses the break.
    "growth": {
        "growth.multiple_2015_16_to_2019_nhs_employed": "Growth multiple, NHS-employed PSWs (closest like for like)",
        "growth.cagr_2015_16_to_2019_nhs_employed": "Compound growth a year, NHS-employed PSWs",
        "target.required_annual_growth": "Growth needed a year (modelled)",
        "growth.multiple_2015_16_to_2019": "Growth multiple, all PSWs (across the series break)",
        "growth.cagr_2015_16_to_2019": "Compound growth a year, all PSWs (across the series break)",
        "target.share_reached_2019": "Share of the {target.ltp_psws_planned} reached, read as PSWs in post",
        "target.gap_2019": "PSWs still needed, read as PSWs in post",
    },
    "transfers": {
        "transfers.transferred_pct": "Trusts whose PSWs had transferred in from another organisation",
        "transfers.via_tupe_pct": "Of those, transferred solely under TUPE",
    },
    "per_trust": {"per_trust.orgs_above_40": "Trusts employing more than 40 NHS-employed PSWs"},
    "paid_unpaid": {
        "paid_unpaid.unpaid_wte_quantified": "Trusts directly employing unpaid PSWs that could quantify their WTE contribution"
    },
    "training": {"training.lived_experience_led": "Responses where training was led by someone with lived experience"},
    "other_sectors": {"other_sectors.nhs_share_pct": "NHS share of all PSWs reported"},
}
# The tiles of each page, for the pack's "Key figures" of that view.
PAGE_TILES = {
    "pages/overview.py": ("overview",),
    "pages/growth.py": ("growth",),
    "pages/employment.py": ("transfers", "paid_unpaid"),
    "pages/workforce_profile.py": ("per_trust",),
    "pages/training.py": ("training",),
    "pages/other_sectors.py": ("other_sectors",),
}


def tiles_of(page_file: str) -> dict[str, str]:
    return {figure_id: label for key in PAGE_TILES.get(page_file, ()) for figure_id, label in TILES[key].items()}


def framed_of(page_file: str) -> list[Framed]:
    """Every chart of a view, built from the data as it is now."""
    return [build() for build in PAGE_CHARTS.get(page_file, ())]
