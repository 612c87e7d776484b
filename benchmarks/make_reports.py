"""Report PDFs for the import benchmark: the real published reports where they are at hand.

``../shared/reference/reports`` (beside a checkout) holds six real ILACS reports; they are
copied round-robin to make the batch. Without them, the tests' generated 2018/2023/2026 layouts
stand in (and the README's table says which was used).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "reference" / "reports"


def write_reports(folder: Path, count: int) -> tuple[list[Path], str]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in REAL.glob("*.pdf") if "sif" not in p.name) if REAL.is_dir() else []
    kind = "real published reports (six, copied round-robin)"
    if not sources:
        sys.path.insert(0, str(ROOT / "tests" / "importer"))
        from report_samples import (  # type: ignore[import-not-found]
            pdf_from_lines,
            report_2018_pages,
            report_2023_pages,
            report_2026_pages,
        )

        for n, pages in enumerate((report_2018_pages(), report_2023_pages(), report_2026_pages())):
            path = folder / f"generated-{n}.pdf"
            path.write_bytes(pdf_from_lines(pages))
            sources.append(path)
        kind = "generated reports in the three layouts (the real ones were not at hand)"
    paths = []
    for n in range(count):
        target = folder / f"report-{n:03d}.pdf"
        shutil.copyfile(sources[n % len(sources)], target)
        paths.append(target)
    return paths, kind
