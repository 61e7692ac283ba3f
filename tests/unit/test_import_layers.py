"""Imports only go down the layers, so the folder listing of psw_dash/ is the architecture.

The app (every folder but build/, the pages and app.py) reads only what the build wrote: it never imports
the build, and the build never imports the app. vocabulary/ holds the facts both need. The build, the
vocabulary and the charts know nothing of Streamlit. Read from the source with ast, so nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from psw_dash import paths

PACKAGE = paths.ROOT / "psw_dash"
# The app's layers, lowest first: a module may import its own layer and the layers before it.
APP_LAYERS = (
    "foundation",
    "vocabulary",
    "reading",
    "charts",
    "page",
    "own_files",
    "planner",
    "views",
    "export",
    "hosting",
    "pages",
)
# The build sits beside the app on the same foundation and vocabulary.
MAY_IMPORT = {layer: set(APP_LAYERS[: i + 1]) for i, layer in enumerate(APP_LAYERS)}
MAY_IMPORT["build"] = {"foundation", "vocabulary", "build"}
FOUNDATION = {"__init__", "paths", "settings"}  # psw_dash/'s own modules, under every layer
NO_STREAMLIT = {"vocabulary", "build", "charts"}
NOT_AT_RUN_TIME = {"devtools", "tests", "bench"}  # test and bench helpers, never in the runtime code
ORDER = " -> ".join(APP_LAYERS[:2]) + " -> build; " + " -> ".join(APP_LAYERS[1:])


def modules() -> list[Path]:
    return sorted([*PACKAGE.rglob("*.py"), *(paths.ROOT / "pages").glob("*.py"), paths.ROOT / "app.py"])


def dotted(path: Path) -> str:
    parts = path.relative_to(paths.ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str | None:
    """The layer of a module's dotted name; None outside the project (the standard library, Streamlit...)."""
    parts = name.split(".")
    if parts[0] in ("pages", "app"):
        return "pages"
    if parts[0] != "psw_dash":
        return None
    if len(parts) == 1 or parts[1] in FOUNDATION:
        return "foundation"
    return parts[1]


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in the file, at the top or inside a function."""
    package = dotted(path).split(".") if path.name == "__init__.py" else dotted(path).split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package up
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            # `from psw_dash.charts import theme` imports the module psw_dash.charts.theme; `from
            # psw_dash.vocabulary.figure_rows import BOUNDS` a name of psw_dash.vocabulary.figure_rows
            found += [
                (node.lineno, f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base)
                for alias in node.names
            ]
    return found


def is_module(name: str) -> bool:
    where = paths.ROOT.joinpath(*name.split("."))
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def problems(path: Path) -> list[str]:
    name = dotted(path)
    own = layer(name)
    where = path.relative_to(paths.ROOT).as_posix()
    found = []
    for line, target in imported(path):
        top, theirs = target.split(".")[0], layer(target)
        if top == "streamlit" and own in NO_STREAMLIT:
            found.append(f"{where}:{line} ({own}) imports {target}: the {own} layer knows nothing of Streamlit")
        elif top in NOT_AT_RUN_TIME:
            found.append(f"{where}:{line} ({own}) imports {target} ({top}): a test or bench helper, not runtime code")
        elif theirs and theirs not in MAY_IMPORT[own]:
            why = (
                "the app never imports the build (it reads only the built files)"
                if theirs == "build"
                else "the build never imports the app"
                if own == "build"
                else "a layer above it"
            )
            found.append(f"{where}:{line} ({own}) imports {target} ({theirs}): {why}. Layers, lowest first: {ORDER}")
    return found


def test_every_folder_of_the_package_is_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(MAY_IMPORT) - {"foundation", "pages"}
    assert {p.stem for p in PACKAGE.glob("*.py")} == FOUNDATION


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(paths.ROOT).as_posix())
def test_imports_go_down_the_layers(path):
    found = problems(path)
    assert not found, "\n".join(found)
