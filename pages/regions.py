"""Regions: the 7 NHS England regions of 2019 on a map, with a ranked chart, a table and the trusts in each."""
import streamlit as st

from psw_dash import charts, content, data, frame, layout, maps, regional, sources, state, upload

layout.start_page("Regions")
st.markdown(content.fill(content.prose("regions")))
st.info(content.prose("regions_report_finding"), icon=":material/format_quote:")

regions = data.regions_geo()
counts = upload.own_counts_panel(regions)  # in hosted mode: a note, and no uploader
if counts is not None:
    regions = regions.assign(**regional.with_user_counts(regions, counts)[["user_count", "user_period",
                                                                         "user_per_100k", "user_vs_share"]])
worded = regional.worded(data.value("target.ltp_psws_planned"), data.trusts())
metrics = {key: worded[key] for key in [*regional.METRICS, *(regional.USER_METRICS if counts is not None else [])]}
metric_id = state.choice("Measure", {key: m.label for key, m in metrics.items()}, "metric")
rows = regional.metric_rows(regions, metric_id, metrics)
metric = metrics[metric_id]

reference = regional.reference_line(metric_id, data.value("per_100k.england_rate_2019"))
ranked = charts.bars(rows, regional.headline(rows), reference=reference)
england_map = maps.region_map(regions, metric.column, metric.label, metric.unit, ranked.headline, ranked.subtitle,
                              ranked.summary)
frame.show(england_map, rows, key="map", extra_source=sources.BOUNDARY_ATTRIBUTION, beside=ranked)

region = state.choice("Participating trusts in", dict(zip(regions["region_code"], regions["region_name"])), "region")
st.table(regional.trusts_in(data.trusts(), region), hide_index=True)
