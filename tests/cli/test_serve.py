"""``selfassess serve`` on the command line (the browser itself is tested in tests/serve)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.serve.server import TEMPLATES, app_command

FIXTURES = Path(__file__).parent.parent / "tui" / "fixtures"


def test_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nope.toml")]) == 2
    assert "no such file" in capsys.readouterr().err


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
        main(["serve", "--host", "0.0.0.0", "--port", str(port)])
    assert "anyone who can reach port" in capsys.readouterr().err


def test_each_tab_runs_the_app_with_this_python(tmp_path: Path) -> None:
    command = app_command(tmp_path / "our sef.toml")
    assert command[:4] == [sys.executable, "-m", "selfassess", "open"]
    assert command[4] == str(tmp_path / "our sef.toml")


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
