"""Service models: which mental health services use peer support workers."""
from psw_dash import frame, layout

layout.start_page("Service models")
layout.prose("service_models")
frame.chart("service_models")
