"""Reading report files: PDFs and text, and every way a file can be wrong, as clear messages."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from report_samples import SEED_TEXT, make_pdf, pdf_from_lines, report_2018_pages, report_2023_pages

from selfassess.importer.files import read_report
from selfassess.model.errors import InputError


def _message(path: Path, layouts) -> str:
    with pytest.raises(InputError) as info:
        read_report(path, layouts)
    assert info.value.file == str(path)
    return info.value.problems[0].message


def test_pdf_reads_only_the_pages_it_needs(tmp_path: Path, layouts) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_from_lines(report_2023_pages()))
    report = read_report(path, layouts)
    assert report.framework == "layout-2023"
    assert (report.pages_read, report.pages_total) == (3, 4)
    assert report.source == str(path)


def test_pdf_is_recognised_by_content_not_name(tmp_path: Path, layouts) -> None:
    path = tmp_path / "report.download"
    path.write_bytes(pdf_from_lines(report_2018_pages()))
    assert read_report(path, layouts).local_authority == "Anytown City Council"


def test_text_file(tmp_path: Path, layouts) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    report = read_report(path, layouts)
    assert report.pages_total is None and report.local_authority == "Anytown City Council"


def test_text_file_saved_on_windows(tmp_path: Path, layouts) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(SEED_TEXT.replace("family's", "family’s").encode("cp1252"))
    report = read_report(path, layouts)
    assert "family’s" in report.areas_for_improvement[0]


def test_missing_file(tmp_path: Path, layouts) -> None:
    assert _message(tmp_path / "nope.pdf", layouts) == "does not exist"


def test_folder(tmp_path: Path, layouts) -> None:
    assert _message(tmp_path, layouts) == "is a folder, not a report file"


def test_empty_file(tmp_path: Path, layouts) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _message(path, layouts) == "is empty"
    path.write_bytes(b"  \n\n")
    assert _message(path, layouts) == "is empty"


def test_text_named_pdf(tmp_path: Path, layouts) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("hello", encoding="utf-8")
    assert "is not a PDF" in _message(path, layouts)


def test_binary_file(tmp_path: Path, layouts) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 4)
    assert "neither a PDF nor a text file" in _message(path, layouts)


def test_word_document(tmp_path: Path, layouts) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "Word document" in _message(path, layouts)


@pytest.mark.parametrize("cut", [20, 200, 600])
def test_truncated_pdf(tmp_path: Path, layouts, cut: int) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf_from_lines(report_2018_pages())[:cut])
    message = _message(path, layouts)
    assert "PDF" in message or "no text" in message


def test_garbage_after_pdf_header(tmp_path: Path, layouts) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    assert "could not be read as a PDF" in _message(path, layouts)


def test_pdf_without_text(tmp_path: Path, layouts) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    assert "has no text to read" in _message(path, layouts)


def _encrypted(user_password: str, algorithm: str = "RC4-128") -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf_from_lines(report_2018_pages())))
    writer = pypdf.PdfWriter()
    writer.append(reader)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf(tmp_path: Path, layouts) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("secret"))
    assert "password-protected" in _message(path, layouts)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_encrypted_without_a_user_password_is_read(
    tmp_path: Path, layouts, algorithm: str
) -> None:
    # an owner password only restricts printing or copying: any viewer opens such a file
    path = tmp_path / "restricted.pdf"
    path.write_bytes(_encrypted("", algorithm))
    assert read_report(path, layouts).judgements["leaders"] == "inadequate"


def test_aes_password_protected_pdf_is_not_called_damaged(tmp_path: Path, layouts) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("secret", "AES-256"))
    message = _message(path, layouts)
    assert "password-protected" in message and "damaged" not in message


def test_text_report_mentioning_the_pdf_header_is_read_as_text(tmp_path: Path, layouts) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "Converted from the council's copy (%PDF-1.7) by a tool.\n" + SEED_TEXT, "utf-8"
    )
    report = read_report(path, layouts)
    assert report.pages_total is None and report.judgements["leaders"] == "good"


def test_pdf_after_a_little_junk_is_still_a_pdf(tmp_path: Path, layouts) -> None:
    path = tmp_path / "mailed.pdf"
    path.write_bytes(b"junk from a mail gateway\n" + pdf_from_lines(report_2018_pages()))
    assert read_report(path, layouts).pages_total == len(report_2018_pages())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_is_refused_not_waited_on(tmp_path: Path, layouts) -> None:
    path = tmp_path / "report.pdf"
    os.mkfifo(path)
    assert "not an ordinary report file" in _message(path, layouts)


def test_huge_text_is_refused_quickly(tmp_path: Path, layouts) -> None:
    import time

    path = tmp_path / "report.txt"
    with path.open("wb") as handle:  # 60 MB, sparse: nothing is written but its size
        handle.truncate(60 * 1024 * 1024)
    started = time.perf_counter()
    assert "too large" in _message(path, layouts)
    assert time.perf_counter() - started < 1


def test_text_over_five_megabytes_is_refused(tmp_path: Path, layouts) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(SEED_TEXT.encode() + b"x" * (6 * 1024 * 1024))
    assert "up to 5 MB" in _message(path, layouts)


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path, layouts) -> None:
    path = tmp_path / "private.pdf"
    path.write_bytes(b"%PDF-1.4")
    path.chmod(0)
    assert "permission denied" in _message(path, layouts)
