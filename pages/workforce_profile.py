"""Workforce profile: which trusts employ PSWs, how many per trust and per 100,000, and in which settings."""

from psw_dash.page import layout, state
from psw_dash.views import frame, views

layout.start_page("Workforce profile")
layout.prose("workforce_profile")

view = state.choice(
    "Show",
    {
        "trusts": "Trusts directly employing PSWs",
        "per_trust": "PSWs per trust",
        "per_100k": "Per 100,000 population",
        "settings": "Care settings",
    },
    "view",
)
if view == "trusts":
    frame.chart("participation")
elif view == "per_trust":
    frame.chart("per_trust")
    frame.metrics(views.TILES["per_trust"])
elif view == "per_100k":
    # Only the report's own measure (NHS-employed per registered population) here: the dashboard's England
    # rate counts all PSWs per resident population, a different measure, shown on Regions with that label.
    frame.chart("per_100k")
else:
    frame.chart("settings")
