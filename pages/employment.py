"""Employment and management: how PSWs are employed, paid, graded, supervised and line-managed."""

from psw_dash.page import layout, state
from psw_dash.views import frame, views

layout.start_page("Employment and management")
layout.prose("employment")

view = state.choice(
    "Show",
    {
        "arrangements": "Employment",
        "paid": "Paid and unpaid",
        "roles": "Roles",
        "bands": "Pay bands",
        "supervision": "Supervision",
        "line_management": "Line management",
    },
    "view",
)
if view == "arrangements":
    frame.chart("employment")
    frame.metrics(views.TILES["transfers"])
elif view == "paid":
    frame.chart("paid_unpaid")
    frame.metrics(views.TILES["paid_unpaid"])
elif view == "roles":
    frame.chart("paid_roles")
    frame.chart("unpaid_roles")
elif view == "bands":
    frame.chart("pay_bands")
elif view == "supervision":
    frame.chart("supervision")
else:
    frame.chart("line_management")
