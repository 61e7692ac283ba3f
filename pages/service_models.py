"""Service models: which mental health services use peer support workers."""

from psw_dash.page import layout
from psw_dash.views import frame

layout.start_page("Service models")
layout.prose("service_models")
frame.chart("service_models")
