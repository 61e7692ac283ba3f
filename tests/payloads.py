"""Hostile text, as an attacker would put it in a link or a file, and where the app reads such text.

Shared by the unit tests of psw_dash.page.untrusted, the AppTest fuzz and the browser fuzz.
"""

from __future__ import annotations

EVIL_HOST = "evil.example"

# name -> value. Each tries to make the page add a link, an image, a formula, markup or a request.
PAYLOADS = {
    "markdown_link": "[Sign in again](https://evil.example/login)",
    "markdown_image": "![x](http://evil.example/track.png)",
    "autolink_url": "https://evil.example/x",
    "autolink_www": "www.evil.example",
    "autolink_angle": "<https://evil.example/a>",
    "autolink_email": "someone@evil.example",
    "html_img": '<img src="http://evil.example/p.png">',
    "html_script": "<script>alert(1)</script>",
    "latex_inline": "$x^2$",
    "latex_block": "$$\\int_0^1 x\\,dx$$",
    "latex_href": "$\\href{javascript:alert(1)}{x}$",
    "javascript_url": "[x](javascript:alert(1))",
    "colour_directive": ":red[x] :material/warning: :smile:",
    "newline_heading_image": "a\n\n# Heading\n\n![x](http://evil.example/n.png)",
    "backticks_image": "`code` ``` ![x](http://evil.example/b.png)",
    "unicode": "\u202eevil\u200b 😀 \u05e9\u05dc\u05d5\u05dd",
    "very_long": "![x](http://evil.example/long.png)" + "A" * 10_000,
}

# A representative subset for the browser, where each case is a page load.
BROWSER_PAYLOADS = (
    "markdown_link",
    "markdown_image",
    "autolink_url",
    "autolink_email",
    "html_img",
    "latex_inline",
    "latex_block",
    "latex_href",
    "colour_directive",
    "newline_heading_image",
    "very_long",
)
HOSTED_PAYLOADS = ("markdown_link", "markdown_image", "autolink_email", "latex_href")

# Every query parameter each page reads (pages/*.py through psw_dash.page.state, upload.py's ?own=, and the
# catalogue search's widgets bound to the URL). tests/app/test_untrusted_input.py checks this list
# against the code, so a parameter added later is fuzzed too.
CHOICE_PARAMS = {  # a value from a fixed set: an unknown one gets the notice
    "employment": ("view",),
    "growth": ("later",),
    "other_sectors": ("view",),
    "people": ("view",),
    "regions": ("own", "metric", "region"),
    "training": ("view",),
    "wellbeing": ("view",),
    "workforce_profile": ("view",),
    "data_sources": ("topic",),
    "planner": ("mine",),
}
# The planner's scenario (psw_dash.planner.inputs): numbers, dates and choices, each parsed and checked against
# its limits; a value it cannot use gets the planner's notice, which names the parameter and the default.
# 'own', 'by' and 'rate' are read only when the scenario asks for them (a target or leaver rate of your own).
SCENARIO_PARAMS = {"planner": ("start", "from", "target", "leavers", "tpp", "shape", "at")}
FREE_TEXT_PARAMS = {"data_sources": ("q",)}  # typed by the reader: shown back only in its own text box
LOCAL_ONLY_PARAMS = {("regions", "own"), ("planner", "mine")}  # the hosted copy does not read ?own=

# The cells of an uploaded regional CSV that hold text (the count is checked as a number).
UPLOAD_TEXT_CELLS = ("region", "period")
