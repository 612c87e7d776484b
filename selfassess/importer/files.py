"""Reading a report file: PDF or plain text, told apart by content, within size limits.

Only ordinary files are read (a pipe or device is refused, never waited on), PDFs up to
``MAX_PDF_BYTES`` and text up to ``MAX_TEXT_BYTES``. A PDF's pages are extracted lazily, so only
the first few pages of a report are ever read. Encrypted PDFs that open without a password (an
owner password only restricts printing or copying) are read; others are said to be
password-protected.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.importer.reports import ImportedReport, parse_report
from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from selfassess.model.framework import Framework


MAX_PDF_BYTES = 50 * 1024 * 1024
"""The largest PDF read: Ofsted's reports are well under 1 MB; a few MB with pictures."""

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""The largest text file read: a report's whole text is about 100 KB."""

PDF_HEADER_WITHIN = 1024
"""The PDF specification lets "%PDF-" follow a little junk within the first 1024 bytes."""


def read_report(path: str | Path, frameworks: Sequence[Framework]) -> ImportedReport:
    """Read a report file (PDF or plain text) and parse it; raise InputError naming the file."""
    name = os.fspath(path)  # as given, so messages and "source" name the file as the user did
    path = Path(path)
    raw = _read_bytes(path, name)
    header_at = raw.find(b"%PDF-", 0, PDF_HEADER_WITHIN)
    if header_at == 0:
        return _read_pdf(raw, name, frameworks)
    if header_at > 0:
        # Junk before the header is allowed, but a text report may also mention "%PDF-" near
        # its top: it is a PDF only if it really reads as one.
        try:
            return _read_pdf(raw, name, frameworks, only_if_pdf=True)
        except _NotAPdf:
            pass
    if path.suffix.lower() == ".pdf":
        raise InputError.single(name, "is not a PDF (it does not start with %PDF); is it damaged?")
    if raw[:4] == b"PK\x03\x04":
        raise InputError.single(
            name, "is a Word document or zip file, not a PDF or text; save the report as PDF"
        )
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError.single(
            name,
            f"is too large to be the text of an inspection report ({len(raw) // (1024 * 1024)} "
            f"MB). selfassess reads text reports of up to {MAX_TEXT_BYTES // (1024 * 1024)} MB.",
        )
    text = _decode_text(raw, name)
    # pdftotext and similar tools mark page breaks with form feeds.
    report = parse_report(text.split("\f"), frameworks, name)
    return replace(report, pages_total=None)


class _NotAPdf(Exception):
    """A file with "%PDF-" after its first byte did not read as a PDF after all."""


def _read_pdf(
    raw: bytes, name: str, frameworks: Sequence[Framework], *, only_if_pdf: bool = False
) -> ImportedReport:
    try:
        pages, total = _pdf_pages(raw, name)
    except InputError:
        if only_if_pdf:
            raise _NotAPdf from None
        raise
    report = parse_report(pages, frameworks, name)
    return replace(report, pages_total=total)


def _read_bytes(path: Path, name: str) -> bytes:
    from selfassess.files.store import read_input

    return read_input(
        path, name, kind="report file", too_large="an inspection report", limit=MAX_PDF_BYTES
    )


def _decode_text(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError.single(
            name, "is neither a PDF nor a text file (it looks like binary data)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # text saved on Windows
    except UnicodeDecodeError:
        raise InputError.single(
            name, "is not readable text (neither UTF-8 nor Windows-1252)"
        ) from None


def _pdf_pages(raw: bytes, name: str) -> tuple[Iterator[str], int]:
    """A lazy iterator over the text of each page, and the number of pages.

    pypdf is imported here, not at the top, so that commands that never read a PDF stay quick.
    """
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    quiet = _QuietPypdf()
    with quiet:
        try:
            reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    decrypted = reader.decrypt("")
                except DependencyError:
                    raise InputError.single(
                        name,
                        "is an encrypted PDF whose encryption needs the 'cryptography' "
                        "package; install it or save an unprotected copy",
                    ) from None
                if not decrypted:
                    raise InputError.single(
                        name,
                        "is a password-protected PDF; save an unprotected copy and import that",
                    )
            total = len(reader.pages)
        except InputError:
            raise
        except FileNotDecryptedError:
            raise InputError.single(
                name, "is a password-protected PDF; save an unprotected copy and import that"
            ) from None
        except PdfReadError as exc:
            raise InputError.single(
                name, f"could not be read as a PDF: it may be damaged or incomplete ({exc})"
            ) from None
        except Exception as exc:  # pypdf raises many kinds of error on malformed files
            raise InputError.single(
                name,
                "could not be read as a PDF: it may be damaged or incomplete "
                f"({type(exc).__name__})",
            ) from None
    if total == 0:
        raise InputError.single(name, "is a PDF with no pages")

    def pages() -> Iterator[str]:
        for index in range(total):
            with quiet:
                try:
                    text = reader.pages[index].extract_text()
                except Exception as exc:  # as above: malformed content streams
                    raise InputError.single(
                        name,
                        f"page {index + 1} could not be read: the PDF may be damaged "
                        f"({type(exc).__name__})",
                    ) from None
            yield text or ""

    return pages(), total


class _QuietPypdf:
    """Silence pypdf's logged warnings about harmless quirks while it reads (restored after)."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("pypdf")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR + 10)

    def __exit__(self, *exc: object) -> None:
        self._logger.setLevel(self._level)
