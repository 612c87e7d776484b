"""The web server behind ``selfassess serve``: textual-serve's, offline and closed to other sites.

textual-serve's ``Server`` provides the parts that talk to the app (the WebSocket that runs one
app per browser tab, and file downloads). This module puts them in a web application of its own
that:

- answers only requests for its own address that carry this run's token, and refuses the rest
  (see ``access``), so that other web pages open in the same browser cannot use the app;
- serves a page of its own that loads nothing from outside this computer (textual-serve's page
  links a Google font stylesheet), and textual-serve's script and fonts, without folder listings;
- runs at most ``max_tabs`` apps (browser tabs) at once, each of which ends with its tab;
- prints the address to open only once it is listening, and ends every app when it stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from pathlib import Path

import jinja2
from aiohttp import hdrs, web
from aiohttp.typedefs import Handler
from textual_serve.server import Server

from selfassess.serve.access import WILDCARDS, Access
from selfassess.serve.tab import FILE_VARIABLE, tab_command

log = logging.getLogger("textual-serve")

TEMPLATES = Path(__file__).parent / "templates"
MAX_TABS = 8
"""Browser tabs (app processes) served at once: each is a full copy of the app."""
SHUTDOWN_GRACE = 5.0
"""Seconds the apps have to end when the server stops (each ends itself within 3: see driver)."""

WRONG_ADDRESS = (
    "selfassess refused this request: it was not made to the address selfassess is serving.\n"
    "Open the address selfassess printed when it started."
)
OTHER_SITE = (
    "selfassess refused this request: it came from another web page, not from selfassess's own."
)
NO_TOKEN = (
    "This address needs its key. Open the full address selfassess printed when it started,\n"
    "including the part from ?token= onwards. The key is new each time selfassess serve starts."
)


def too_many_tabs(limit: int) -> str:
    """The page shown instead of the app when ``limit`` tabs are already open."""
    tabs = "1 browser tab" if limit == 1 else f"{limit} browser tabs"
    return (
        f"selfassess is already open in {tabs}, the most it runs at once.\n"
        "Close a tab you no longer need (save first), then reload this page."
    )


def refuse(status: int, message: str, reason: str) -> web.Response:
    """A plain-text refusal a person can read; ``reason`` goes to the server's window."""
    log.warning("Refused %s.", reason)
    return web.Response(status=status, text=message, content_type="text/plain")


def local_address(request: web.Request) -> str | None:
    """The address of this computer the request arrived at."""
    transport = request.transport
    sockname = transport.get_extra_info("sockname") if transport is not None else None
    if isinstance(sockname, tuple) and sockname and isinstance(sockname[0], str):
        return sockname[0]
    return None


class SelfAssessServer(Server):
    """Serves the app on ``path`` (or the start screen) to browsers on ``host``:``port``."""

    def __init__(
        self,
        path: Path | None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        max_tabs: int = MAX_TABS,
        token: str | None = None,
    ) -> None:
        super().__init__(
            tab_command(),
            host=host,
            port=port,
            title=f"selfassess — {path.name}" if path else "selfassess",
            templates_path=TEMPLATES,
        )
        self.path = path
        self.access = Access.for_server(host, port, token)
        """Which requests are answered (address, origin, token)."""
        self.max_tabs = max_tabs
        self.tabs: set[asyncio.Task[object]] = set()
        """The WebSocket handlers of open tabs, one app each; cancelled when the server stops."""
        self.page = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True
        ).get_template("app_index.html")

    def address(self) -> str:
        """The address to open in a browser, with this run's token."""
        host = self.host
        if host in WILDCARDS:
            host = socket.gethostname()
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/?token={self.access.token}"

    def make_app(self) -> web.Application:
        """The web application: the page, the app's WebSocket, downloads and static files."""
        # The tabs' command reads the file from here (see selfassess.serve.tab).
        if self.path is None:
            os.environ.pop(FILE_VARIABLE, None)
        else:
            os.environ[FILE_VARIABLE] = str(self.path)
        app = web.Application(middlewares=[self.check_access])
        app.add_routes(
            [
                web.get("/", self.handle_page, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def check_access(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Answer only this address, this server's own pages, and holders of the token."""
        here = local_address(request)
        if not self.access.host_allowed(request.headers.get(hdrs.HOST), here):
            return refuse(403, WRONG_ADDRESS, "a request for an address this server does not use")
        if not self.access.origin_allowed(request.headers.get(hdrs.ORIGIN), here):
            return refuse(403, OTHER_SITE, "a request from another web page")
        offered = (request.query.get("token"), request.cookies.get(self.access.cookie_name))
        if not self.access.token_allowed(offered):
            return refuse(403, NO_TOKEN, "a request without the key (?token=)")
        return await handler(request)

    async def handle_page(self, request: web.Request) -> web.Response:
        """The page that runs the app; it keeps the token in a cookie for the WebSocket."""
        if len(self.tabs) >= self.max_tabs:
            return refuse(
                503, too_many_tabs(self.max_tabs), f"a new tab: {self.max_tabs} are open already"
            )
        html = self.page.render(
            font_size=16,
            # request.host has been checked: it is how this browser reaches us.
            app_websocket_url=f"ws://{request.host}/ws",
            config={"static": {"url": "/static/"}},
            application={"name": self.title},
        )
        response = web.Response(text=html, content_type="text/html")
        response.set_cookie(
            self.access.cookie_name, self.access.token, path="/", httponly=True, samesite="Strict"
        )
        response.headers["Cache-Control"] = "no-store"
        # Another site may not show the app inside its own page (and trick clicks into it).
        response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's tab (one app process), counted against ``max_tabs``."""
        if len(self.tabs) >= self.max_tabs:
            raise web.HTTPServiceUnavailable(text=too_many_tabs(self.max_tabs))
        task = asyncio.current_task()
        assert task is not None
        self.tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.tabs.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab: textual-serve then tells its app to quit, and waits for it."""
        for task in list(self.tabs):
            task.cancel()

    def announce(self, *_: object) -> None:
        """Printed once the server listens (not before: the port may turn out to be taken)."""
        self.console.print("selfassess is running. Open this address in a web browser:")
        # On a line of its own, never wrapped by us, so that it can be copied whole.
        self.console.print(self.address(), soft_wrap=True, markup=False, highlight=False)
        self.console.print("Press Ctrl+C here to stop.", highlight=False)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); every app ends with the server."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still stops it
                loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(
                self.make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self.announce,
                access_log=None,  # a line per request means nothing to the people running this
                shutdown_timeout=SHUTDOWN_GRACE,
            )
        finally:
            asyncio.set_event_loop(None)  # run_app has closed it
