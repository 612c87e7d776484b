"""Shared fixtures: paths to the small test frameworks and assessments."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def tiny_framework_path() -> Path:
    return FIXTURES / "tiny-framework.toml"


@pytest.fixture(autouse=True)
def _no_framework_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never read or write the user's cache, state (recent files) or settings folders.

    Set in the environment, so apps run in subprocesses by the tests are kept out too.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def held_by_colleague() -> Iterator[Callable[[Path], None]]:
    """Hold a file as a colleague's app would: a lock naming "alex" and a live process on this
    machine (ended after the test)."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])

    def hold(path: Path) -> None:
        from selfassess.files import locking

        locking.lock_path(path).write_text(
            json.dumps(
                {
                    "user": "alex",
                    "host": socket.gethostname(),
                    "pid": other.pid,
                    "since": "2024-05-31T09:30:00",
                }
            ),
            encoding="utf-8",
        )

    yield hold
    other.kill()
    other.wait()
