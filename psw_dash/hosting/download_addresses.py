"""Downloads any replica can answer: each is addressed by what it contains, not by where it was made.

Streamlit makes a download when its button is clicked (on the session's replica, over the websocket), keeps
the bytes in that replica's memory and tells the browser to fetch /media/<id>. Without session affinity
the browser's fetch may reach another replica, which has no such file. Here the address says what the file
contains instead: the page, the query string and the widget states of the run the reader saw, and the
button's element id, with the data version (a "recipe", compressed into the path):

    /download/<recipe>/<file name>

A briefing pack or a deck is addressed by its order instead (export/documents.py: the document, its scope,
the planner scenario it prints and the address its links lead to, with the data version), which any replica
makes with the document's own function: no page run is needed, and the scenario, which lives in the
reader's session rather than in the page's URL, travels in the address.

The replica that made the file answers from a small memory of what it made. Any other replica makes it
again: it runs the page headlessly with that state (as a reader's new session would, from the same URL and
widgets), clicks nothing, and calls the same button's function. The pages are deterministic given their
URL and widgets (the URL holds every choice), so the bytes are the same. The recipe can only ask for what a
reader could: a page's run with widget values, never code or a file name (both come from the page).
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from psw_dash.hosting import routes

PREFIX = "/download/"
MAX_RECIPE_CHARS = 6000  # within a proxy's request-line buffer (nginx: 8 KB)
KEPT_BYTES = 64 * 1024 * 1024  # what a replica remembers of the files it made, newest first
REPLAY_TIMEOUT_S = 60
# How long an edge waits for a download's answer (nginx's proxy_read_timeout, the HTTPRoute's request timeout): a
# replica that did not make a briefing pack or deck makes it again, 10 to 20 s, and up to about 3 minutes for the
# deck of all views on a busy 2-core machine (tests/e2e/test_slides_in_browser.py).
MAKING_TIMEOUT_S = 180
GONE = b"This download cannot be made again here; click its button again.\n"


@dataclass(frozen=True)
class Recipe:
    """What a download contains: a page's run (its script hash, query string, widget states) and a button."""

    data_version: str
    page_script_hash: str
    page_name: str
    query_string: str
    widget_states: bytes  # streamlit's WidgetStates protobuf, as the browser sent it
    element_id: str

    def encode(self) -> str:
        return _packed(
            {
                "v": self.data_version,
                "p": self.page_script_hash,
                "n": self.page_name,
                "q": self.query_string,
                "w": base64.b64encode(self.widget_states).decode(),
                "e": self.element_id,
            }
        )


@dataclass(frozen=True)
class Ordered:
    """A briefing pack or deck by its order (export/documents.Order), and the data version it was made from."""

    data_version: str
    order: Any  # documents.Order: imported when first needed, as the documents' modules are large

    def encode(self) -> str:
        return _packed({"k": "document", "v": self.data_version, "o": self.order.fields()})

    def make(self) -> Made:
        return Made(self.order.make(), self.order.mime, self.order.file_name())

    def asked_at_its_own_address(self, scope: dict[str, Any]) -> bool:
        """A deck's reader's browser showed the address its links lead to, with the same Host header as this
        request; so an address made up elsewhere cannot have this copy serve a deck that links away."""
        return self.order.links_lead_to(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1"))


def decode(text: str) -> Recipe | Ordered | None:
    """What an address asks for: a page's run and button (Recipe) or a document's order (Ordered, marked "k"); None
    for anything that is neither, or an order no page could make."""
    fields = _unpacked(text)
    if fields is None:
        return None
    try:
        if fields.get("k") == "document":
            from psw_dash.export import documents

            return Ordered(str(fields["v"]), documents.Order.from_fields(fields["o"]))
        return Recipe(
            str(fields["v"]),
            str(fields["p"]),
            str(fields["n"]),
            str(fields["q"]),
            base64.b64decode(fields["w"]),
            str(fields["e"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _packed(fields: dict[str, Any]) -> str:
    packed = zlib.compress(json.dumps(fields, separators=(",", ":")).encode(), 9)
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def _unpacked(text: str) -> dict[str, Any] | None:
    """The fields packed in an address, or None for anything that is not an address's."""
    if len(text) > MAX_RECIPE_CHARS:
        return None
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        unpacking = zlib.decompressobj()
        raw = unpacking.decompress(packed, 64 * 1024)  # bounded: no zip bomb
        if not unpacking.eof:  # cut short, or longer than any recipe: its checksum was never checked
            return None
        fields = json.loads(raw)
    except (ValueError, zlib.error):
        return None
    return fields if isinstance(fields, dict) else None


@dataclass(frozen=True)
class Made:
    content: bytes
    mimetype: str
    filename: str


class _Kept:
    """The files this replica made lately, by recipe, up to KEPT_BYTES in all (oldest forgotten first)."""

    def __init__(self, limit: int = KEPT_BYTES):
        self.limit, self.size = limit, 0
        self.files: OrderedDict[str, Made] = OrderedDict()
        self.lock = threading.Lock()

    def put(self, key: str, made: Made) -> None:
        with self.lock:
            if key in self.files:
                return
            self.files[key] = made
            self.size += len(made.content)
            while self.size > self.limit and len(self.files) > 1:
                self.size -= len(self.files.popitem(last=False)[1].content)

    def get(self, key: str) -> Made | None:
        with self.lock:
            made = self.files.get(key)
            if made is not None:
                self.files.move_to_end(key)
            return made


KEPT = _Kept()


def data_version() -> str:
    from psw_dash.vocabulary import links

    return links.data_version()


def address(recipe: Recipe | Ordered, filename: str) -> str:
    return f"{PREFIX}{recipe.encode()}/{quote(filename or 'download')}"


def _ordered(entry: dict[str, Any]) -> Ordered | None:
    """A made document's order, where the button was handed one (export/on_request.py)."""
    from psw_dash.export import documents

    made = entry["callable"]
    return Ordered(data_version(), made.order) if isinstance(made, documents.Deferred) else None


def _session_recipe(session_id: str, element_id: str) -> Recipe | None:
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    from streamlit.runtime import Runtime

    info = Runtime.instance()._session_mgr.get_session_info(session_id)
    if info is None:
        return None
    state = info.session._client_state  # the page and query of the run the reader sees (set as each run ends)
    # The widgets' values from the session's own state: the client state this Streamlit keeps at the end of a run
    # holds the page and query but no widget values, so a download behind a widget (an open popover's PNG and SVG)
    # was replayed without it, and a replica that had not made it answered 404.
    widgets = WidgetStates()
    widgets.widgets.extend(info.session.session_state.get_widget_states())
    return Recipe(
        data_version(),
        state.page_script_hash,
        state.page_name,
        state.query_string,
        widgets.SerializeToString(),
        element_id,
    )


def install() -> None:
    """Make every deferred download's address its recipe (MediaFileManager.execute_deferred, which Streamlit
    calls when a download button is clicked), keeping what was made to answer its first requests here."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made_by_streamlit = MediaFileManager.execute_deferred
    if getattr(made_by_streamlit, "psw_recipe", False):
        return

    def execute_deferred(self, file_id: str) -> str:
        with self._lock:
            entry: dict[str, Any] | None = (
                dict(self._deferred_callables[file_id]) if file_id in self._deferred_callables else None
            )
        url = made_by_streamlit(self, file_id)
        recipe = (_ordered(entry) or _session_recipe(entry["session_id"], entry["element_id"])) if entry else None
        if entry is None or recipe is None:
            return url
        storage: Any = self._storage  # Streamlit's in-memory storage, whose get_file its base class does not declare
        stored = storage.get_file(url.rsplit("/", 1)[1])
        filename = entry["filename"] or "download"
        KEPT.put(recipe.encode(), Made(stored.content, stored.mimetype, filename))
        return address(recipe, filename)

    # Marks, read back by make_again and the layer test: the wrapper is ours, and what Streamlit's own does.
    execute_deferred.psw_recipe = True  # type: ignore[attr-defined]
    execute_deferred.made_by_streamlit = made_by_streamlit  # type: ignore[attr-defined]
    MediaFileManager.execute_deferred = execute_deferred  # type: ignore[method-assign]


class _Watcher:
    """A headless session's client: it reads nothing but the end of each script run."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.runs_ended: asyncio.Queue[Any] = asyncio.Queue()

    def write_forward_msg(self, msg) -> None:
        if msg.WhichOneof("type") == "script_finished":
            self.loop.call_soon_threadsafe(self.runs_ended.put_nowait, msg.script_finished)

    @property
    def client_context(self):
        return None


def _deferred_of(manager, session_id: str, element_id: str) -> str | None:
    with manager._lock:
        return next(
            (
                file_id
                for file_id, entry in manager._deferred_callables.items()
                if entry["session_id"] == session_id and entry["element_id"] == element_id
            ),
            None,
        )


async def make_again(recipe: Recipe) -> Made | None:
    """Run the recipe's page in a headless session and call its button's function; None if the page has no
    such button in that state."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    from streamlit.runtime import Runtime

    runtime = Runtime.instance()
    manager = runtime.media_file_mgr
    watcher = _Watcher(asyncio.get_running_loop())
    session_id = runtime.connect_session(client=watcher, user_info={})
    try:
        message = BackMsg()
        message.rerun_script.query_string = recipe.query_string
        message.rerun_script.page_script_hash = recipe.page_script_hash
        message.rerun_script.page_name = recipe.page_name
        message.rerun_script.widget_states.CopyFrom(WidgetStates.FromString(recipe.widget_states))
        runtime.handle_backmsg(session_id, message)
        deadline = asyncio.get_running_loop().time() + REPLAY_TIMEOUT_S
        while True:  # a page may run more than once (a warm-up run); the button may come in any of them
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return None
            try:
                status = await asyncio.wait_for(watcher.runs_ended.get(), remaining)
            except TimeoutError:
                return None
            file_id = _deferred_of(manager, session_id, recipe.element_id)
            if file_id is not None:
                break
            if status == ForwardMsg.FINISHED_SUCCESSFULLY and watcher.runs_ended.empty():
                await asyncio.sleep(0.2)  # a warm-up rerun may follow at once
                if watcher.runs_ended.empty() and _deferred_of(manager, session_id, recipe.element_id) is None:
                    return None
        with manager._lock:
            entry = dict(manager._deferred_callables[file_id])
        made_by_streamlit = getattr(type(manager).execute_deferred, "made_by_streamlit", type(manager).execute_deferred)
        url = await asyncio.to_thread(made_by_streamlit, manager, file_id)
        storage: Any = manager._storage
        stored = storage.get_file(url.rsplit("/", 1)[1])
        return Made(stored.content, stored.mimetype, str(entry["filename"] or "download"))
    finally:
        runtime.close_session(session_id)


def _disposition(filename: str) -> bytes:
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=utf-8''{quote(filename)}".encode()


class ServeDownloads:
    """ASGI middleware: GET /download/<recipe>/<name> answers the file, from memory or made again."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        token = path[len(PREFIX) :].split("/", 1)[0]
        recipe = decode(token)
        if recipe is None or scope.get("method") not in ("GET", "HEAD"):
            await routes.answer_text(scope, send, 404, routes.NOT_FOUND)
            return
        made = KEPT.get(token)
        if made is None and recipe.data_version == data_version():
            if isinstance(recipe, Ordered):
                # 10 to 20 s the first time, on this replica
                made = await asyncio.to_thread(recipe.make) if recipe.asked_at_its_own_address(scope) else None
            else:
                made = await make_again(recipe)
            if made is not None:
                KEPT.put(token, made)
        if made is None:
            await routes.answer_text(scope, send, 404, GONE)
            return
        headers = [
            (b"content-type", made.mimetype.encode()),
            (b"content-length", str(len(made.content)).encode()),
            (b"content-disposition", _disposition(made.filename)),
            (b"cache-control", b"private, max-age=3600"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else made.content})
