"""Downloads: the briefing pack, the spreadsheet and the data package, in one place (psw_dash/export/panel.py)."""

from psw_dash.export import panel
from psw_dash.page import layout

layout.start_page("Downloads")
layout.prose("downloads")
panel.downloads_page()
