"""Only the user's own browser, at the printed address, can use ``selfassess serve``.

Another web page open in the same browser must not drive the app on 127.0.0.1: neither with a
WebSocket (the browser sends that page's ``Origin``) nor through "DNS rebinding" (a site's own
name pointing at 127.0.0.1: the ``Host`` header then carries the site's name). Every request
needs the run's token. A server on 127.0.0.1 and a free port; nothing leaves this computer.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer, unused_port
from yarl import URL

from selfassess.serve.access import Access
from selfassess.serve.server import SelfAssessServer
from selfassess.serve.tab import FILE_VARIABLE

FIXTURES = Path(__file__).parent.parent / "tui" / "fixtures"
TOKEN = "the-token-for-this-run"


def apps_running(path: Path) -> list[int]:
    """Tab app processes serving ``path`` (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:  # not a process, or gone
            continue
        if arguments[1:3] == [b"-m", b"selfassess.serve.tab"] and (
            f"{FILE_VARIABLE}={path}".encode() in environment
        ):
            found.append(int(entry.name))
    return found


class Served:
    """A server on 127.0.0.1 (one tab at most) and a client that starts with no cookies."""

    def __init__(self, server: SelfAssessServer, client: TestClient) -> None:
        self.server = server
        self.client = client
        self.port = server.port
        self.own = f"http://127.0.0.1:{self.port}"

    async def get(self, path: str, **headers: str) -> tuple[int, str]:
        async with self.client.get(URL(path, encoded=True), headers=headers) as response:
            return response.status, await response.text()


@pytest.fixture
async def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    for name in ("practice-framework.toml", "anytown.toml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(FILE_VARIABLE, "")  # the server sets it for its tabs; put back afterwards
    port = unused_port()
    server = SelfAssessServer(tmp_path / "anytown.toml", port=port, max_tabs=1, token=TOKEN)
    client = TestClient(TestServer(server.make_app(), host="127.0.0.1", port=port))
    await client.start_server()
    try:
        yield Served(server, client)
    finally:
        await client.close()


async def test_the_printed_address_opens_the_page(served: Served) -> None:
    address = URL(served.server.address())
    assert str(address) == f"http://127.0.0.1:{served.port}/?token={TOKEN}"
    status, page = await served.get(address.path_qs)
    assert status == 200
    assert "anytown.toml" in page
    # The page's own later requests need no token in their address: the cookie carries it.
    status, _ = await served.get("/static/js/textual.js")
    assert status == 200


async def test_no_token_or_a_wrong_one_is_refused(served: Served) -> None:
    for path in ("/", "/?token=guess", "/static/js/textual.js", "/download/anything"):
        status, text = await served.get(path)
        assert status == 403, path
        assert "?token=" in text
    status, _ = await served.get("/", Cookie=f"selfassess-token-{served.port}=guess")
    assert status == 403


async def test_another_host_name_is_refused_dns_rebinding(served: Served) -> None:
    for host in (f"attacker.example:{served.port}", f"127.0.0.1:{served.port + 1}", "127.0.0.1"):
        status, text = await served.get(f"/?token={TOKEN}", Host=host)
        assert status == 403, host
        assert "not made to the address" in text
    # Other names for this computer's loopback address are the same place.
    for host in (f"localhost:{served.port}", f"[::1]:{served.port}", f"LOCALHOST:{served.port}"):
        status, _ = await served.get(f"/?token={TOKEN}", Host=host)
        assert status == 200, host


async def test_a_websocket_from_another_web_page_is_refused(served: Served) -> None:
    await served.get(f"/?token={TOKEN}")  # even with the cookie, as the user's browser has it
    for origin in (
        "http://attacker.example",
        f"http://attacker.example:{served.port}",
        f"http://127.0.0.1:{served.port + 1}",
        f"https://127.0.0.1:{served.port}",
        "null",
    ):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with served.client.ws_connect(f"/ws?token={TOKEN}", headers={"Origin": origin}):
                pass
        assert refused.value.status == 403, origin


async def test_a_websocket_without_the_token_is_refused(served: Served) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with served.client.ws_connect("/ws", headers={"Origin": served.own}):
            pass
    assert refused.value.status == 403


async def test_the_page_s_websocket_runs_the_app_and_tabs_are_capped(served: Served) -> None:
    status, _ = await served.get(f"/?token={TOKEN}")  # sets the cookie, as in a browser
    assert status == 200
    async with served.client.ws_connect("/ws", headers={"Origin": served.own}) as websocket:
        message = await websocket.receive(timeout=30)
        assert message.type == WSMsgType.BINARY  # the app's screen
        # One tab is the most this server allows: a second is told so, plainly.
        status, text = await served.get(f"/?token={TOKEN}")
        assert status == 503
        assert "already open in 1 browser tab" in text
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with served.client.ws_connect("/ws", headers={"Origin": served.own}):
                pass
        assert refused.value.status == 503
    # Closing the tab ends its app and frees its place.
    for _attempt in range(100):
        status, _ = await served.get(f"/?token={TOKEN}")
        if status == 200 and not apps_running(served.server.path):
            break
        await asyncio.sleep(0.1)
    assert status == 200
    assert apps_running(served.server.path) == []


async def test_only_the_app_s_own_files_are_served(served: Served) -> None:
    await served.get(f"/?token={TOKEN}")
    for path in (
        "/static/js/",
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/templates/app_index.html",
        "/static/../../selfassess/serve/server.py",
    ):
        status, _ = await served.get(path)
        assert status in (403, 404), path


def test_every_address_of_this_computer_with_host_0_0_0_0() -> None:
    """Listening everywhere, the address a colleague connected to is accepted, nothing else."""
    access = Access.for_server("0.0.0.0", 8000, "t")
    assert access.host_allowed("192.0.2.7:8000", local_address="192.0.2.7")
    assert access.origin_allowed("http://192.0.2.7:8000", local_address="192.0.2.7")
    assert not access.host_allowed("attacker.example:8000", local_address="192.0.2.7")
    assert not access.origin_allowed("http://attacker.example:8000", local_address="192.0.2.7")
    assert not access.host_allowed("192.0.2.7:8001", local_address="192.0.2.7")
