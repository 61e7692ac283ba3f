"""Accessibility statement: the form the UK public sector accessibility regulations expect (prose in content/)."""

from psw_dash import settings
from psw_dash.page import content, layout

layout.start_page("Accessibility statement")
layout.markdown(content.prose("accessibility").replace("{contact}", settings.accessibility_contact_text()))
