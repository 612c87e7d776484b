"""The Textual driver for an app served in a browser: it ends the app when its server goes.

textual-serve talks to each app process over the process's stdin. Textual's stock ``WebDriver``
stops reading when stdin closes but leaves the app running, with nobody to see it; this driver
asks the app to exit instead, and ends the process outright if the app has not gone soon after.
"""

from __future__ import annotations

import asyncio
import os
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

EXIT_GRACE = 3.0
"""Seconds the app has to exit by itself once its server has gone."""


class ServedDriver(WebDriver):
    """``WebDriver`` that exits the app when stdin closes (the browser tab or server went)."""

    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        super().start_application_mode()

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if self.exit_event.is_set():
            return  # the app is already stopping by itself
        # stdin closed: nobody is left to use this app.
        loop = self._loop
        if not loop.is_closed():
            try:
                asyncio.run_coroutine_threadsafe(
                    self._app._post_message(messages.ExitApp()), loop=loop
                )
            except RuntimeError:
                pass
        # A stuck app must not outlive its server (a daemon thread never keeps it alive).
        timer = threading.Timer(EXIT_GRACE, os._exit, args=(1,))
        timer.daemon = True
        timer.start()
