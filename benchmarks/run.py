"""selfassess benchmarks: every figure is a ratio against a floor timed in the same run.

Run from the repository root (with selfassess and its test extra installed):

    python benchmarks/run.py            # all figures, writes benchmarks/README.md
    python benchmarks/run.py --quick    # fewer repeats, no README
    python benchmarks/run.py --tui      # only the app's rows, replaced in the README

Not part of the test suite's pass/fail: timings depend on the machine. Each figure is the median
of several runs; the floor is timed in the same run, so the ratio travels between machines.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write_case  # noqa: E402

EXAMPLE = ROOT / "examples" / "peterborough-2018.toml"
SIZES = (125, 500, 2000)  # criteria: 1×, 4×, 16× (ten evidence items each)


@dataclass
class Row:
    what: str
    size: str
    ours_ms: float
    floor_ms: float | None
    target: str
    ok: bool | None
    """None: shown for context, no target."""
    note: str = ""

    @property
    def met(self) -> str:
        return "—" if self.ok is None else "yes" if self.ok else "**no**"

    @property
    def ratio(self) -> str:
        return f"{self.ours_ms / self.floor_ms:.2f}×" if self.floor_ms else "—"


def example_size() -> int:
    """How many criteria the worked example's framework has."""
    from selfassess.files.store import load_assessment

    return len(load_assessment(EXAMPLE).framework.criteria)


def median_ms(func: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def turn_about_ms(funcs: list[Callable[[], object]], repeats: int) -> list[float]:
    """Median milliseconds of each, run turn about so that a busy moment of the machine
    falls on all of them (this machine's speed drifts by a third from minute to minute)."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeats):
        for func, runs in zip(funcs, times, strict=True):
            start = time.perf_counter()
            func()
            runs.append((time.perf_counter() - start) * 1000)
    return [statistics.median(runs) for runs in times]


def interleaved_ms(
    floor: Callable[[], object], ours: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median milliseconds of the floor and ours, run turn about."""
    floor_ms, ours_ms = turn_about_ms([floor, ours], repeats)
    return floor_ms, ours_ms


def run_process(args: list[str]) -> Callable[[], None]:
    # Byte-code caching on, as after a normal install (some shells turn it off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def go() -> None:
        subprocess.run(
            args,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )

    return go


FLOOR_RICH = textwrap.dedent("""
    from rich.console import Console
    from rich.table import Table
    table = Table("Judgement", "Grade")
    for row in (
        ("Impact of leaders", "Good"),
        ("Help and protection", "Good"),
        ("Children in care", "Good"),
        ("Overall effectiveness", "Good"),
    ):
        table.add_row(*row)
    Console().print(table)
""")

FLOOR_TEXTUAL = ROOT / "benchmarks" / "floor_app.py"

OURS_TUI = textwrap.dedent("""
    import sys
    from pathlib import Path
    import selfassess.tui.app as tui
    from selfassess.tui.app import SelfAssessApp

    class Timed(SelfAssessApp):
        CSS_PATH = str(Path(tui.__file__).parent / "selfassess.tcss")

        def on_ready(self):
            # the main screen is up once the first paint after Ready is done
            self.call_after_refresh(self.exit)

    app = Timed(Path(sys.argv[1]))
    app.run(headless=True, size=(100, 30))
    sys.exit(app.return_code or 0)  # a crash fails the benchmark instead of timing it
""")


def selfassess_command() -> list[str]:
    """The installed ``selfassess`` command, as a user runs it (``python -m`` if not found)."""
    found = shutil.which("selfassess", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "selfassess"]


def bench_report(folder: Path, repeats: int) -> list[Row]:
    """``selfassess report`` as a user runs it, on the example and on a 500-criterion file.

    The example is timed against the floor (a script that imports Rich and prints a
    four-row table); the large file against the example, in the same run.
    """
    _, large = write_case(folder, 500)
    command = selfassess_command()
    floor, example, big = turn_about_ms(
        [
            run_process([sys.executable, "-c", FLOOR_RICH]),
            run_process([*command, "report", str(EXAMPLE)]),
            run_process([*command, "report", str(large)]),
        ],
        repeats * 4,  # a process takes a fifth of a second: more runs for a steadier median
    )
    return [
        Row(
            "`selfassess report examples/peterborough-2018.toml` (whole process)",
            f"example ({example_size()} criteria)",
            example,
            floor,
            "≤ 1.8×",
            example / floor <= 1.8,
        ),
        Row(
            "`selfassess report` on a generated file (whole process); floor: the example",
            "500 criteria, 5000 evidence",
            big,
            example,
            "≤ 3× example",
            big / example <= 3,
        ),
    ]


def bench_startup(repeats: int) -> list[Row]:
    rows: list[Row] = []
    try:
        import selfassess.tui.app  # noqa: F401
    except ImportError:
        return rows
    floor, ours = interleaved_ms(
        run_process([sys.executable, str(FLOOR_TEXTUAL)]),
        run_process([sys.executable, "-c", OURS_TUI, str(EXAMPLE)]),
        repeats * 2,
    )
    rows.append(
        Row(
            "TUI first paint of the main screen, headless (whole process)",
            "example",
            ours,
            floor,
            "≤ 1.5×",
            ours / floor <= 1.5,
        )
    )
    return rows


def bench_files(folder: Path, repeats: int) -> list[Row]:
    import tomli_w

    from selfassess.files.store import dumps_assessment, load_assessment
    from selfassess.model.assessment import assessment_to_data
    from selfassess.model.summary import summarise

    rows = []
    for size in SIZES:
        _, path = write_case(folder, size)
        text = path.read_text(encoding="utf-8")
        label = f"{size} criteria, {size * 10} evidence"
        floor, ours = interleaved_ms(
            partial(tomllib.loads, text), partial(load_assessment, path), repeats
        )
        rows.append(
            Row("load + validate an assessment", label, ours, floor, "≤ 2×", ours / floor <= 2)
        )
        loaded = load_assessment(path)
        data = assessment_to_data(loaded.assessment, loaded.framework)
        floor, ours = interleaved_ms(
            partial(tomli_w.dumps, data, multiline_strings=True),
            partial(dumps_assessment, loaded.assessment, loaded.framework),
            repeats,
        )
        rows.append(Row("save the same", label, ours, floor, "≤ 2×", ours / floor <= 2))
        ours = median_ms(partial(summarise, loaded.framework, loaded.assessment), repeats)
        rows.append(
            Row("scoring and comparison of the same", label, ours, None, "≤ 50 ms", ours <= 50)
        )
    return rows


def bench_tui_actions(folder: Path, rounds: int = 3) -> list[Row]:
    """Key press to frame in the app (see tui_actions.py): the floor, the example and a
    500-criterion file, and keys pressed while a 2,000-criterion file is autosaved.

    Each figure is the median over ``rounds`` runs of the app, each run itself reporting a
    median of several key presses (the machine is shared, so one run can land on a busy
    moment)."""
    from tui_actions import FRAME_MS, measure_actions, measure_autosave, measure_floor

    example = folder / EXAMPLE.name  # a copy: the app leaves lock and recovery files beside it
    shutil.copy(EXAMPLE, example)
    cases = [(f"example ({example_size()} criteria)", example, 50)]
    cases += [(f"{size} criteria", write_case(folder, size)[1], 100) for size in (500,)]
    _, big = write_case(folder, 2000)

    floors: list[tuple[float, float]] = []
    actions: dict[str, list[dict[str, tuple[float, float]]]] = {label: [] for label, *_ in cases}
    autosaves = []
    for _ in range(rounds):
        floors.append(asyncio.run(measure_floor()))
        for label, path, _target in cases:
            actions[label].append(asyncio.run(measure_actions(path)))
        autosaves.append(asyncio.run(measure_autosave(big)))

    def mid(values: list[float]) -> float:
        return statistics.median(values)

    rows = [
        Row(
            "Floor: a move in a minimal Textual app (Header, Tree, Footer), same measure",
            "—",
            mid([f for f, _ in floors]),
            None,
            "(context)",
            None,
            f"Pilot round trip {mid([t for _, t in floors]):.0f} ms",
        )
    ]
    for label, _path, target in cases:
        for what, key, limit in (
            ("move to the next criterion", "move", target),
            ("rate it", "rate", target),
            ("open the scorecard", "scorecard", None),
        ):
            ms = mid([run[key][0] for run in actions[label]])
            trip = mid([run[key][1] for run in actions[label]])
            rows.append(
                Row(
                    f"TUI: {what} (key press to its last frame)",
                    label,
                    ms,
                    None,
                    f"≤ {limit} ms" if limit else "(context)",
                    ms <= limit if limit else None,
                    f"Pilot round trip {trip:.0f} ms",
                )
            )
    rest = mid([mid(a.rest) for a in autosaves])
    first = mid([mid(a.first) for a in autosaves])
    later = [ms for a in autosaves for ms in a.later]
    extra = mid([a.worst_extra_ms for a in autosaves])
    at_rest = mid([a.worst_extra_at_rest_ms for a in autosaves])
    on_loop = mid([mid(a.on_loop_ms) for a in autosaves])
    whole = mid([mid(a.autosave_ms) for a in autosaves])
    rows.append(
        Row(
            "TUI: how long an autosave holds the app's event loop (taking the copy)",
            "2000 criteria",
            on_loop,
            None,
            f"≤ 1 frame ({FRAME_MS:.1f} ms)",
            on_loop <= FRAME_MS,
            f"the copy is then written in a worker thread; {whole:.0f} ms in all",
        )
    )
    rows.append(
        Row(
            "TUI: slowest key press during an autosave, beyond the usual (median over runs)",
            "2000 criteria",
            extra,
            None,
            f"≤ 1 frame ({FRAME_MS:.1f} ms)",
            extra <= FRAME_MS,
            f"usual key {rest:.0f} ms; key pressed as the autosave starts {first:.0f} ms; "
            f"{len(later)} keys while the copy was written, slowest "
            f"{max(later, default=0):.0f} ms; with no autosave, the slowest key is "
            f"{at_rest:.0f} ms beyond the usual",
        )
    )
    return rows


def bench_import(folder: Path, repeats: int) -> list[Row]:
    try:
        from selfassess.importer.files import read_report
    except ImportError:
        return []
    from make_reports import write_reports
    from pypdf import PdfReader

    from selfassess.files.store import bundled_frameworks

    paths, kind = write_reports(folder / "reports", 100)
    frameworks = list(bundled_frameworks().values())

    def floor() -> None:
        for p in paths:
            for page in PdfReader(p).pages:
                page.extract_text()

    def ours() -> None:
        for p in paths:
            read_report(p, frameworks)

    f = median_ms(floor, max(1, repeats // 3))
    o = median_ms(ours, max(1, repeats // 3))
    return [Row(f"`import-report` on 100 PDFs: {kind}", "100 reports", o, f, "≤ 1.0×", o <= f)]


TUI_NOTE = [
    "The app's key presses are driven by Pilot, with a terminal stand-in as the app's driver",
    "(`tui_actions.py`): Textual builds every frame's terminal bytes and hands them to the",
    "driver's public `write`, which notes the time. A key is timed from the press to the last",
    "frame written in response; Pilot's wait for the app to go idle comes after that and is",
    "not the user's, so it is shown apart as the round trip. The floor row is the same",
    "measure for a move in a minimal Textual app. Each TUI figure is the median of three runs",
    "of the app, each the median of nine presses. The autosave row presses keys while the",
    "app's own `autosave` copies a 2,000-criterion file (five times each way): one key as the",
    "autosave starts, and key after key from the moment the copy is taken until it is",
    "written; it reports the slowest of them beyond the usual key at that size. First paint",
    "runs the app and the floor headless to the first frame after Ready, turn about.",
]


def table_line(r: Row) -> str:
    floor = f"{r.floor_ms:.1f}" if r.floor_ms else "—"
    return (
        f"| {r.what} | {r.size} | {r.ours_ms:.1f} | {floor} | {r.ratio} | {r.target} "
        f"| {r.met} | {r.note} |"
    )


def update_tui_rows(rows: list[Row]) -> None:
    """Replace the README's app rows (first paint, key presses) with ``rows``; the others,
    measured apart, are kept as they are."""
    path = ROOT / "benchmarks" / "README.md"
    kept: list[str] = []
    at = -1
    for line in path.read_text(encoding="utf-8").splitlines():
        first = line.split("|")[1].strip() if line.startswith("| ") else ""
        if first.startswith(("TUI", "Floor: a move")):
            at = len(kept) if at < 0 else at
            continue
        kept.append(line)
    if at < 0:
        raise SystemExit("benchmarks/README.md has no app rows to replace")
    kept[at:at] = [table_line(r) for r in rows]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def write_readme(rows: list[Row]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmarks",
        "",
        "Every figure is the median of several runs, as a ratio against a floor timed in the same",
        "run (so the ratio, not the milliseconds, is what carries between machines). Reproduce:",
        "",
        "```sh",
        "python benchmarks/run.py",
        "```",
        "",
        f"Machine: {machine}. Date: {datetime.date.today().isoformat()}.",
        "",
        "| what | size | ours (ms) | floor (ms) | ratio | target | met | note |",
        "|---|---|---:|---:|---:|---|---|---|",
    ]
    lines += [table_line(r) for r in rows]
    lines += [
        "",
        "Floors: the report is timed against a Python script that imports Rich and prints a small",
        "table; the app against a minimal Textual app with a Header, a Tree and a Footer; loading",
        "against `tomllib.loads` of the same file; saving against `tomli_w.dumps` of the same",
        "data; the importer against pypdf's plain text extraction of every page of the same",
        "PDFs.",
        "Sizes grow 1×, 4× and 16× (125, 500 and 2,000 criteria with ten evidence items each).",
        "",
        "Floor and ours are run turn about (this virtual machine's speed drifts from minute",
        "to minute), and the median of each is reported.",
        "",
        *TUI_NOTE,
        "",
        "The report's floor imports Rich and prints a four-row table; `selfassess report` must",
        "also import msgspec (typed validation of the file), argparse and its own modules, then",
        "read, check and score the file and draw every criterion with Rich's own Table, Panel,",
        "Rule and Text. Most of the gap is Rich drawing the detail: it measures and wraps every",
        "line (text holding \u2022, \u2192 or \u2014 is measured a character at a time). The",
        "report's targets are left unmet rather than re-implement Rich's renderables, as the",
        "project once did (issue 13).",
        "",
    ]
    if any(r.ok is False for r in rows):
        lines += ["Rows marked **no** are not met yet.", ""]
    (ROOT / "benchmarks" / "README.md").write_text("\n".join(lines), encoding="utf-8")


def print_row(row: Row) -> None:
    print(
        f"{row.what:<70} {row.size:<28} {row.ours_ms:9.1f} ms  {row.ratio:>7}  "
        f"{row.target:<8} {row.met}  {row.note}",
        flush=True,
    )


def run_tui_only(repeats: int, rounds: int, write: bool) -> int:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for row in [*bench_startup(repeats), *bench_tui_actions(Path(tmp), rounds)]:
            rows.append(row)
            print_row(row)
    if write:
        update_tui_rows(rows)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; do not write README")
    parser.add_argument(
        "--report", action="store_true", help="only the `selfassess report` rows; no README"
    )
    parser.add_argument(
        "--tui",
        action="store_true",
        help="only the app's rows (first paint, key presses); replaces them in the README",
    )
    args = parser.parse_args()
    # The runs open temporary files: keep them out of the recent files and the places left off
    # of the person running the benchmarks (platformdirs honours XDG_STATE_HOME on Linux)
    state = tempfile.mkdtemp(prefix="selfassess-benchmarks-")
    os.environ["XDG_STATE_HOME"] = state
    try:
        return run(args)
    finally:
        shutil.rmtree(state, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    repeats = 3 if args.quick else 7
    if args.tui:
        return run_tui_only(repeats, rounds=1 if args.quick else 3, write=not args.quick)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        benches: list[Callable[[], list[Row]]] = [lambda: bench_report(folder, repeats)]
        if not args.report:
            benches += [
                lambda: bench_startup(repeats),
                lambda: bench_files(folder, repeats),
                lambda: bench_tui_actions(folder, 1 if args.quick else 3),
                lambda: bench_import(folder, repeats),
            ]
        for bench in benches:
            for row in bench():
                rows.append(row)
                print_row(row)
    if not (args.quick or args.report):
        write_readme(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
