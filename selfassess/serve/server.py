"""The web server behind ``selfassess serve``: textual-serve, made offline and leak-free.

textual-serve starts one app process per browser tab (per websocket). On top of it this module:

- serves a page template of our own that loads nothing from outside this computer (the stock
  one links a Google font stylesheet);
- starts each app in its own process group, with ``ServedDriver``, so that the app exits when
  its tab closes or the connection drops, and is killed (``SIGKILL`` to the whole group) if it
  has not exited after a grace period — also when the server itself stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
import socket
import sys
from pathlib import Path

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")

TEMPLATES = Path(__file__).parent / "templates"
DRIVER = "selfassess.serve.driver:ServedDriver"
QUIT_GRACE = 3.0
"""Seconds an app has to exit after being asked, before it is killed."""
KILL_WAIT = 2.0


def app_command(path: Path | None) -> list[str]:
    """The command that runs the app on ``path`` (or the start screen) with this Python."""
    command = [sys.executable, "-m", "selfassess", "open"]
    if path is not None:
        command.append(str(path))
    return command


def _kill(process: asyncio.subprocess.Process) -> None:
    """Kill an app process and anything it started (its process group, where there are any)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups to kill
            process.kill()


class ServedApp(AppService):
    """One app process for one browser tab, in its own process group, never left running."""

    def __init__(self, *args, processes: set[asyncio.subprocess.Process], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._processes = processes

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["TEXTUAL_DRIVER"] = DRIVER
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        # exec, not a shell, so the process we hold is the app itself; a new session makes it
        # the leader of its own process group, which can be killed as a whole.
        process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._process = process
        self._processes.add(process)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; close its stdin; kill its process group if it lingers."""
        process = self._process
        task, self._task = self._task, None
        if process is None:
            return
        try:
            if task is not None:
                await self._download_manager.cancel_app_downloads(
                    app_service_id=self.app_service_id
                )
                await self.send_meta({"type": "quit"})
            if process.stdin is not None and not process.stdin.is_closing():
                process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
            except TimeoutError:
                log.warning("The app (process %s) did not quit; stopping it.", process.pid)
                _kill(process)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), KILL_WAIT)
            if task is not None:
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(task, KILL_WAIT)
        finally:
            if process.returncode is None:
                _kill(process)
            self._processes.discard(process)


class SelfAssessServer(Server):
    """textual-serve's ``Server`` with our offline page and processes that always end."""

    def __init__(self, path: Path | None, *, host: str = "127.0.0.1", port: int = 8000) -> None:
        super().__init__(
            shlex.join(app_command(path)),
            host=host,
            port=port,
            title=f"selfassess — {path.name}" if path else "selfassess",
            templates_path=TEMPLATES,
        )
        self.processes: set[asyncio.subprocess.Process] = set()
        """App processes still running, killed when the server stops."""
        self.websockets: set[web.WebSocketResponse] = set()
        """Open browser tabs, closed when the server stops (aiohttp would wait a minute)."""

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # A line per request means nothing to the people who run this; problems still show.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its logo here, before it knows the port is free."""

    def address(self) -> str:
        """The address to open in a browser."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def announce(self, *_: object) -> None:
        """Printed once the server listens."""
        self.console.print(f"selfassess is running at [bold]{self.address()}[/]", highlight=False)
        self.console.print("Open that address in a web browser. Press Ctrl+C here to stop.")

    async def on_shutdown(self, app: web.Application) -> None:
        # Closing a tab's websocket ends its handler, which stops its app.
        for websocket in list(self.websockets):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(
                    websocket.close(code=WSCloseCode.GOING_AWAY, message=b"Server stopped"),
                    KILL_WAIT,
                )
        self.kill_all()

    def kill_all(self) -> None:
        """Kill every app process still running (the server is stopping)."""
        for process in list(self.processes):
            if process.returncode is None:
                _kill(process)
        self.processes.clear()

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); every app process ends with the server."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self.announce,
            )
        finally:
            self.kill_all()
            asyncio.set_event_loop(None)  # run_app closed it

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, object]:
        """The page, with addresses as the browser reached us (not 0.0.0.0 with ``--host``)."""
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, with ``ServedApp``; the app is stopped however the tab went."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: ServedApp | None = None
        try:
            await websocket.prepare(request)
            self.websockets.add(websocket)
            service = ServedApp(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                processes=self.processes,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.websockets.discard(websocket)
            if service is not None:
                # Shielded: a cancelled handler (dropped connection, server stopping) must
                # still see its app process ended.
                await asyncio.shield(service.stop())
        return websocket
