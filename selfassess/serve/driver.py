"""The Textual driver for an app served in a browser: the app never outlives its browser tab.

textual-serve talks to each app process over the process's stdin, and ends it by sending
"quit". Textual's stock ``WebDriver`` has two gaps that would leave an app running with
nobody able to see it, holding the assessment's lock so that nobody else can save it:

- when stdin closes without a "quit" (the server was killed, or crashed), it stops reading
  but leaves the app running;
- an app that does not act on "quit" (busy, or stuck) keeps running, and textual-serve waits
  for it for ever.

This driver asks the app to exit in both cases, and ends the process outright
(``os._exit``) if it is still there ``EXIT_GRACE`` seconds later. A timer, not a signal from the
server: the server may be gone, and Windows has no process groups to signal.
"""

from __future__ import annotations

import contextlib
import os
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

EXIT_GRACE = 3.0
"""Seconds the app has to exit by itself once asked to, before its process ends outright."""


def exit_soon() -> None:
    """End this process in ``EXIT_GRACE`` seconds unless it has ended by then.

    A daemon thread, so it never keeps an app alive that is exiting normally.
    """
    timer = threading.Timer(EXIT_GRACE, os._exit, args=(1,))
    timer.daemon = True
    timer.start()


class ServedDriver(WebDriver):
    """``WebDriver`` whose app always ends once its tab or server has gone."""

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        super().on_meta(packet_type, payload)
        if packet_type == "quit":  # the tab closed: the stock driver has asked the app to exit
            exit_soon()

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if self.exit_event.is_set():
            return  # the app is stopping by itself
        # stdin closed without a "quit": the server is gone, nobody is left to use this app.
        with contextlib.suppress(RuntimeError):  # the app's event loop has already closed
            self.send_message(messages.ExitApp())
        exit_soon()
