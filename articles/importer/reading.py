"""From paths to raw records: files found, decoded and split, nothing parsed yet.

Every failure here is a record with an error, never an exception, so one bad
file cannot stop a batch.
"""

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Control characters that never appear in text (NUL, and C0 codes other than
# tab, newline, carriage return and form feed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass
class RawRecord:
    """One release as read: `text` for a scraped page, `html` for a saved web
    page, `data` for a JSON line."""

    input: str
    retrieved_at: datetime | None = None
    text: str | None = None
    data: dict | None = None
    error: str | None = None
    html: str | None = None
    file_time: bool = False  # retrieved_at is the file's modification time
    original_text: str | None = None  # the page in Chinese, from NAME.zh.txt or NAME.zh.html


def find_files(paths):
    """The importable files under each path, in a stable order, each with the
    folder it was found in (None for a file named explicitly).

    A file named explicitly is read whatever its suffix; directories are
    walked for .txt, .html, .htm and .jsonl files only, skipping hidden ones.
    A symbolic link inside a directory is followed only when it stays inside
    that directory: a batch folder must not be a way to publish /etc/passwd.
    """
    for path in map(Path, paths):
        if path.is_dir():
            found = []
            # os.walk does not descend into linked directories.
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(root) / name
                    for name in files
                    if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
                )
            for found_path in sorted(found):
                yield found_path, path
        else:
            yield path, None


def link_out_of(path, folder):
    """Whether `path` is a symbolic link that leads out of `folder` (or nowhere)."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def decode(data):
    """Text from bytes: UTF-8 (BOM or not), else GB18030. Raises ValueError."""
    if not data.strip():
        raise ValueError("empty file" if not data else "file holds only whitespace")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (not text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise ValueError(
                f"undecodable bytes at offset {error.start}: neither UTF-8 nor GB18030"
            ) from None
    sample = data[:8192]
    if sum(sample.count(b) for b in _BINARY_BYTES) > max(8, len(sample) // 100):
        raise ValueError("binary file (not text)")
    if not text.strip():
        raise ValueError("file holds only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def file_time(path):
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError:
        return None


def read_path(path, retrieved_at=None):
    """The raw records in one file (one for a text file, one per line of JSON Lines)."""
    name = str(path)
    when = retrieved_at or file_time(path)
    from_file = retrieved_at is None and when is not None
    try:
        size = path.stat().st_size
    except OSError as error:
        yield RawRecord(name, error=f"cannot read file: {error.strerror or error}")
        return
    if size > MAX_BYTES:
        yield RawRecord(name, error=f"file is {size / 1024 / 1024:.1f} MB, over the 5 MB limit")
        return
    try:
        data = path.read_bytes()
        text = decode(data)
    except OSError as error:
        yield RawRecord(name, error=f"cannot read file: {error.strerror or error}")
        return
    except ValueError as error:
        yield RawRecord(name, error=str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_json_lines(name, text, when)
    elif suffix in HTML_SUFFIXES:
        yield RawRecord(name, retrieved_at=when, html=text, file_time=from_file)
    else:
        yield RawRecord(name, retrieved_at=when, text=text, file_time=from_file)


def read_json_lines(name, text, retrieved_at):
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield RawRecord(where, error=f"invalid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield RawRecord(where, error="invalid JSON: a line must hold one object")
            continue
        yield RawRecord(where, retrieved_at=retrieved_at, data=data)


def read_all(paths, retrieved_at=None):
    for path, folder in find_files(paths):
        if folder is not None and link_out_of(path, folder):
            yield RawRecord(
                str(path), error="a symbolic link out of the batch folder: not followed"
            )
        elif folder is not None and english_page_of(path) is not None:
            continue  # read with its English page in this folder, as its original
        else:
            original = original_page_of(path)
            for record in read_path(path, retrieved_at):
                if record.error is None and record.data is None and original is not None:
                    record.original_text = _original_text(original, folder)
                yield record


# "notice.zh.txt" beside "notice.txt" (or .html) is the page that notice
# translates.
_ORIGINAL_SUFFIXES = (".zh.txt", ".zh.html", ".zh.htm")
_PAGE_SUFFIXES = (".txt", ".html", ".htm")


def original_page_of(path):
    """The original beside an English page, or None."""
    if path.name.lower().endswith(_ORIGINAL_SUFFIXES) or path.suffix.lower() not in _PAGE_SUFFIXES:
        return None
    stem = path.name[: -len(path.suffix)]
    return next(
        (
            sibling
            for suffix in _ORIGINAL_SUFFIXES
            if (sibling := path.with_name(stem + suffix)).is_file()
        ),
        None,
    )


def english_page_of(path):
    """For an original ("NAME.zh.txt"), the English page beside it, or None."""
    name = path.name.lower()
    suffix = next((s for s in _ORIGINAL_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    stem = path.name[: -len(suffix)]
    return next(
        (sibling for ext in _PAGE_SUFFIXES if (sibling := path.with_name(stem + ext)).is_file()),
        None,
    )


def _original_text(original, folder):
    """The original's text, read as any page is, or None when it cannot be
    read (the English page is imported all the same)."""
    if folder is not None and link_out_of(original, folder):
        return None
    (record,) = read_path(original)
    if record.error is not None:
        return None
    if record.html is not None:
        from .html import page_text

        return page_text(record.html)
    return record.text
