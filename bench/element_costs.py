"""What one kind of Streamlit element costs a page switch: the floor's page two plus ten of that element.

    .venv/bin/python -m bench.element_costs [--repeats 5] [kind ...]

A report for choosing how to draw things, not a test. For each kind, a copy of the floor app
(bench/floor_app) gets ten elements of that kind on its page two, and bench.switch_profile measures
the switch from page one to page two: the wall time, the main thread's JavaScript, and Streamlit's
share of it (React and the elements). Subtract the `none` row and divide by ten for one element.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import switch_profile
from bench.load_ratios import FLOOR, Page
from devtools import serve

KINDS = {
    "none": "",
    "markdown": "for i in range(10): st.markdown(f'Some **text**, number {i}, a sentence or two long.')",
    "html": "for i in range(10): st.html(f'<p>Some <b>text</b>, number {i}, a sentence or two long.</p>')",
    "header": "for i in range(10): st.header(f'Heading {i}', anchor=False)",
    "download_button": "for i in range(10): st.download_button(f'Download {i}', b'x', key=f'd{i}', "
    "icon=':material/download:')",
    "popover": "for i in range(10): st.popover(f'Pop {i}', key=f'p{i}', on_change='rerun')",
    "expander": "for i in range(10): st.expander(f'Notes {i}').markdown('x')",
    "tabs": "for i in range(10): st.tabs(['Chart', 'Table'], key=f't{i}', on_change='rerun')",
    "container": "for i in range(10): st.container(border=True, key=f'c{i}').markdown('x')",
    "page_link": "for i in range(10): st.page_link('pages/one.py', label=f'One {i}')",
    "table": "import pandas as pd\nfor i in range(10): st.table(pd.DataFrame({'a': range(5), 'b': list('vwxyz')}))",
    # Widgets: what each input of the planner and the catalogue costs a switch once its code is loaded.
    "toggle": "for i in range(10): st.toggle(f'Show {i}', key=f'w{i}')",
    "segmented": "for i in range(10): st.segmented_control(f'Pick {i}', ['one', 'two', 'three'], key=f'w{i}', "
    "default='one')",
    "number_input": "for i in range(10): st.number_input(f'Number {i}', 0, 100, 5, key=f'w{i}')",
    "date_input": "import datetime\nfor i in range(10): st.date_input(f'Date {i}', datetime.date(2019, 9, 30), "
    "key=f'w{i}')",
    "text_input": "for i in range(10): st.text_input(f'Search {i}', key=f'w{i}')",
    "multiselect": "for i in range(10): st.multiselect(f'Topics {i}', ['a', 'b', 'c', 'd', 'e'], key=f'w{i}')",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("kinds", nargs="*", default=list(KINDS), help=f"any of: {', '.join(KINDS)}")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="psw-element-costs-"))
    shutil.copytree(FLOOR.parent, work, dirs_exist_ok=True)
    page_two = (FLOOR.parent / "pages" / "two.py").read_text()
    columns = ("total", "js", "react", "plotly", "msgs")
    print(f"\nSwitch to the floor's page two with ten of each kind; median of {args.repeats} (ms, except msgs)\n")
    print(f"{'kind':<16}" + "".join(f"{c:>8}" for c in columns), flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
        for kind in args.kinds:
            (work / "pages" / "two.py").write_text(page_two + "\n" + KINDS[kind] + "\n")
            with serve.streamlit_server(script=work / "app.py") as url:
                samples = switch_profile.profile_app(
                    browser,
                    url,
                    [Page("two", "two", "pages/two.py", charts=1)],
                    Page("one", "", "pages/one.py", charts=1),
                    args.repeats,
                )["two"]
            print(
                f"{kind:<16}" + "".join(f"{statistics.median(s[c] for s in samples):8.0f}" for c in columns), flush=True
            )
        browser.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
