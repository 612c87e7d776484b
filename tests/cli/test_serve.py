"""``selfassess serve`` on the command line (the browser itself is tested in tests/serve)."""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.serve.server import TEMPLATES
from selfassess.serve.tab import tab_command

FIXTURES = Path(__file__).parent.parent / "tui" / "fixtures"


def test_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nope.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_file_the_app_cannot_open_is_named_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\nframework = "ilacs-2018"\n', encoding="utf-8")
    assert main(["serve", str(bad)]) == 2
    assert "bad.toml: framework_version: is missing" in capsys.readouterr().err


def test_port_in_use_is_exit_2_with_advice(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(FIXTURES / "anytown.toml"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in err
    assert "--port" in err


def test_other_host_warns_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:  # so that serving stops straight after the warning
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        main(["serve", str(FIXTURES / "anytown.toml"), "--host", "0.0.0.0", "--port", str(port)])
    assert "anyone who can reach port" in capsys.readouterr().err


def test_other_host_without_a_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    # Without a file the page would open on the start screen: any file this account can reach.
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "name the assessment file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "host",
    [
        "a..b",
        "x" * 64 + ".example",
        "x\u009b",
        "",
        "x-.example",
        "x\x1b]8;;https://evil.example\x1b\\",
    ],
)
def test_an_address_that_is_not_one_is_refused_plainly(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(FIXTURES / "anytown.toml"), "--host", host]) == 2
    err = capsys.readouterr().err
    assert "is not an address" in err
    assert not any(ch in err for ch in "\x1b\x07\u009b"), err


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "::1", "0.0.0.0", "localhost", "qa-laptop.council.local"]
)
def test_usual_addresses_are_accepted(host: str) -> None:
    from selfassess.commands.serve import host_address

    assert host_address(host) == host


def test_this_computer_s_name_in_capitals_is_still_this_computer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from selfassess.commands.serve import host_address

    assert host_address("LOCALHOST.") == "localhost"
    assert host_address("QA_LAPTOP") == "qa_laptop"


def test_each_tab_runs_the_app_with_this_python() -> None:
    assert shlex.split(tab_command()) == [sys.executable, "-m", "selfassess.serve.tab"]


def test_the_printed_address_opens_the_app_and_nothing_else_does() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", str(FIXTURES / "anytown.toml"), "--port", str(port)]
    server = subprocess.Popen(
        [sys.executable, "-m", "selfassess", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(3)]
        # The address on a line of its own, whole, to copy into a browser.
        address = next((line.strip() for line in lines if line.startswith("http")), "")
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]{{40,}}", address), lines
        with urllib.request.urlopen(address, timeout=10) as page:
            assert page.status == 200
            assert "anytown.toml" in page.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address.split("?")[0], timeout=10)
        assert refused.value.code == 403
        assert "?token=" in refused.value.read().decode()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)


def test_the_page_loads_nothing_from_outside() -> None:
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    urls = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)""", page)
    urls += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
    assert urls
    assert all(u.startswith("{{ config.static.url }}") for u in urls), urls
    assert "fonts.googleapis" not in page


def test_other_commands_never_import_textual_serve(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from selfassess.commands import main\n"
        f"main(['validate', {str(FIXTURES / 'anytown.toml')!r}])\n"
        "print('SERVE' if 'textual_serve' in sys.modules else 'CLEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("CLEAN"), result.stderr
