"""Regions: what the report says of NHS-employed PSWs by region, on the map of the 7 NHS England regions of 2019,
then trusts, population and a modelled share as context (none of them a measure of PSWs), and the trusts in each."""

import streamlit as st

from psw_dash.own_files import regional, upload
from psw_dash.page import content, layout, state
from psw_dash.reading import data
from psw_dash.views import frame, views

layout.start_page("Regions")
layout.prose("regions")
layout.quote(content.prose("regions_report_finding"))
frame.show_framed(views.report_regions())  # the report's finding leads: lower, higher, mixed, not stated

layout.heading("Context, not a measure of PSWs: trusts, population and a modelled share")
layout.prose("regions_context")
regions = data.regions_geo()
counts = upload.own_counts_panel(regions)  # in hosted mode: a note, and no uploader
if counts is not None:
    regions = regions.assign(
        **regional.with_user_counts(regions, counts)[["user_count", "user_period", "user_per_100k", "user_vs_share"]]
    )
worded = regional.worded(data.value("target.ltp_psws_planned"), data.trusts())
metrics = {key: worded[key] for key in [*regional.METRICS, *(regional.USER_METRICS if counts is not None else [])]}
metric_id = state.choice("Measure (context)", {key: m.button for key, m in metrics.items()}, "metric")
# Without a user's counts, the map of the shipped data is built once and kept (views.regions_map).
shown = views.regions_map(metric_id=metric_id) if counts is None else views.regions_map(regions, metric_id, metrics)
frame.show_framed(shown)

# The trusts of every region, each list closed until opened: HTML, not a region picker, so the page sends no
# second widget. A link's ?region=<code> (as the picker kept it) opens that region's list.
opened = state.from_url("region", set(regions["region_code"]), "every list closed instead")
layout.heading("Participating trusts, region by region")
st.html(views.trust_lists(opened))
