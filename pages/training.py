"""Training: how trusts train peer support workers, and who leads it."""

from psw_dash.page import layout, state
from psw_dash.views import frame, views

layout.start_page("Training")
layout.prose("training")

view = state.choice("Show", {"routes": "Training routes", "mix": "In-house mix"}, "view")
if view == "routes":
    frame.chart("training")
    frame.metrics(views.TILES["training"])
else:
    frame.chart("training_mix")
