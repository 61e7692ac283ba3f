"""Other sectors: peer support workers reported by local authorities, voluntary and independent providers."""

from psw_dash.page import layout, state
from psw_dash.views import frame, views

layout.start_page("Other sectors")
layout.prose("other_sectors")

view = state.choice("Show", {"staff": "Staff by sector", "submissions": "Returns by sector"}, "view")
if view == "staff":
    frame.chart("other_sectors")
    frame.metrics(views.TILES["other_sectors"])
else:
    frame.chart("other_sectors_submissions")
