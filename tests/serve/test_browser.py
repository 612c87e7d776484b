"""``selfassess serve`` end to end, in a real headless Chromium driven by Playwright.

One server, one assessment in a temporary folder, opened at the address the server prints (with
its token): rate and save from the browser; nothing is loaded from outside 127.0.0.1; and no app
process is left behind when a tab closes, when the browser dies without a goodbye, or when the
server stops (politely, or killed outright).
Skipped only where Playwright or Chromium cannot be found.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest

FIXTURES = Path(__file__).parent.parent / "tui" / "fixtures"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)


def find_chromium() -> str:
    for candidate in (
        os.environ.get("SELFASSESS_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("Chromium not found (apt-get install chromium, or set SELFASSESS_CHROMIUM)")


def processes_with(marker: str) -> dict[int, list[str]]:
    """Running processes whose command line contains ``marker`` (pid → arguments)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        arguments = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
        if state != "Z" and any(marker in a for a in arguments):
            found[int(entry.name)] = arguments
    return found


def descendants(pid: int) -> set[int]:
    """``pid`` and every process below it."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(stat[1])
    family, added = {pid}, True
    while added:
        new = {child for child, parent in parents.items() if parent in family} - family
        family |= new
        added = bool(new)
    return family


def wait_until(condition: Callable[[], object], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A ``selfassess serve`` process on a copy of the practice assessment."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "anytown.toml"
        self.port = free_port()
        env = dict(os.environ)
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DOWNLOAD_DIR"):
            env[name] = str(folder / "home")
        self.log = (folder / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "selfassess", "serve", str(self.path), "--port", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        wait_until(self.listening, "the server to listen")
        wait_until(self.address, "the address to be printed")
        self.url = self.address()
        assert self.url

    def address(self) -> str | None:
        """The address the server printed for the user to open (with its token)."""
        found = re.search(rf"^http://127\.0\.0\.1:{self.port}/\?token=\S+$", self.output(), re.M)
        return found.group() if found else None

    def listening(self) -> bool:
        assert self.process.poll() is None, self.output()
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def output(self) -> str:
        return (self.folder / "server.log").read_text(errors="replace")

    def apps(self) -> dict[int, list[str]]:
        """App processes running on our file (one per tab; the file is in their environment)."""
        found = {}
        for pid, args in processes_with("selfassess.serve.tab").items():
            with contextlib.suppress(OSError):
                environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                if args[1:3] == ["-m", "selfassess.serve.tab"] and (
                    f"SELFASSESS_SERVE_FILE={self.path}".encode() in environment
                ):
                    found[pid] = args
        return found

    def wait_for_apps(self, count: int) -> None:
        wait_until(lambda: len(self.apps()) == count, f"{count} app process(es): {self.apps()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in self.apps():  # only ever processes this test started
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    for name in ("practice-framework.toml", "anytown.toml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "home").mkdir()
    server = Served(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def rating(path: Path, criterion: str) -> str | None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["criteria"].get(criterion, {}).get("rating")


def test_serve_in_a_browser(served: Served, tmp_path: Path) -> None:
    chromium = find_chromium()
    requests: list[str] = []
    marker = f"--selfassess-test={uuid.uuid4().hex}"  # finds this test's browser in /proc

    def launch(playwright):
        browser = playwright.chromium.launch(
            executable_path=chromium, args=[*CHROMIUM_ARGS, marker]
        )
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        context.on("request", lambda request: requests.append(request.url))
        return browser, context

    def open_app(context):
        page = context.new_page()
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')")
        page.focus(".xterm-helper-textarea")  # where the terminal takes keys
        return page

    assert rating(served.path, "ld-self-knowledge") == "green"
    with sync_api.sync_playwright() as playwright:
        browser, context = launch(playwright)
        # 1. Rate and save from the browser; then close the tab.
        page = open_app(context)
        served.wait_for_apps(1)
        lock = served.path.with_name(f".{served.path.name}.lock")
        wait_until(lock.exists, "the app to open the file")
        for _attempt in range(3):  # the first keys may come before the screen is ready
            page.wait_for_timeout(500)
            page.keyboard.press("r")  # Red, on the first criterion
            page.keyboard.press("Control+s")
            with contextlib.suppress(AssertionError):
                wait_until(lambda: rating(served.path, "ld-self-knowledge") == "red", "the save", 5)
                break
        assert rating(served.path, "ld-self-knowledge") == "red"
        # The report comes as a download (ctrl+e, then Word: the first answer).
        with page.expect_download(timeout=15_000) as download:
            page.keyboard.press("Control+e")
            page.wait_for_timeout(500)
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "anytown-report.docx"
        assert Path(download.value.path()).read_bytes().startswith(b"PK")  # Word is a zip
        page.wait_for_timeout(500)
        # The self-evaluation too: the button after the report's four formats.
        with page.expect_download(timeout=30_000) as download:
            page.keyboard.press("Control+e")
            page.wait_for_timeout(500)
            for _ in range(4):
                page.keyboard.press("Tab")
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "anytown-self-evaluation.docx"
        sef = docx.Document(download.value.path())
        assert sef.core_properties.title.startswith("Self-evaluation")
        assert "How do we know it?" in {p.text for p in sef.paragraphs}
        page.wait_for_timeout(500)
        page.screenshot(path=str(tmp_path / "served.png"))
        page.close()
        served.wait_for_apps(0)

        # 2. The browser dies without closing anything.
        open_app(context)
        served.wait_for_apps(1)
        (browser_pid,) = [
            pid
            for pid, args in processes_with(marker).items()
            if marker in args and "--type" not in " ".join(args)
        ][:1]
        for pid in descendants(browser_pid):  # this test's browser only
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        served.wait_for_apps(0)
        with contextlib.suppress(Exception):
            browser.close()

        # 3. The server stops (Ctrl+C) with a tab still open.
        browser, context = launch(playwright)
        open_app(context)
        served.wait_for_apps(1)
        served.process.send_signal(signal.SIGINT)
        served.process.wait(timeout=15)
        served.wait_for_apps(0)
        browser.close()

    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert requests, "the browser made no requests at all"


def test_apps_end_when_the_server_is_killed(served: Served) -> None:
    """Killed outright, the server cannot stop its apps: they must notice and end by themselves."""
    chromium = find_chromium()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')")
        served.wait_for_apps(1)
        served.process.kill()
        served.process.wait()
        served.wait_for_apps(0)
        browser.close()
