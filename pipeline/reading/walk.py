"""Walk the INPUT paths: which files to read, in which order, under which ``source_id``.

A folder is walked recursively in sorted order; hidden entries, unsupported extensions and the
folder's own README/LICENSE files are skipped silently; everything else that cannot be read
(missing paths, broken or looping links, links leading outside the input roots, special files)
becomes a :class:`~pipeline.types.ReadError` so that the run goes on and the user sees why.
File names are kept as ``str`` with surrogate escapes (``os.fsdecode``) so that names in any
byte encoding can be opened; :func:`printable` gives the form shown to people.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.types import ReadError

__all__ = ["KINDS", "InputFile", "printable", "read_bytes", "walk_inputs"]

# Supported extensions and the reader each goes to.
KINDS = {
    ".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
}  # fmt: skip

# Documentation that sits next to a corpus (samples/README.md) is not an article; named
# explicitly, such a file is read like any other.
_DOC_FILE_STEMS = ("readme", "license", "licence", "changelog")


@dataclass(frozen=True)
class InputFile:
    """A file to read: ``path`` opens it, ``display`` shows it, ``source_id`` names its records."""

    path: str
    display: str
    source_id: str
    kind: str


def printable(path: str | os.PathLike[str]) -> str:
    """The path as people can read it: undecodable bytes and control characters become U+FFFD."""
    text = os.fsencode(path).decode("utf-8", errors="replace")
    return "".join("\ufffd" if ord(c) < 32 or ord(c) == 127 else c for c in text)


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a regular file whole; raise ``OSError`` or ``ValueError`` (too large, not a file)."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(f"too large ({info.st_size} bytes, the limit is {max_bytes})")
        data = handle.read(max_bytes + 1)  # the file may have grown since fstat
    if len(data) > max_bytes:
        raise ValueError(f"too large (over {max_bytes} bytes)")
    return data


def walk_inputs(inputs: Iterable[str | os.PathLike[str]], *, follow_external_links: bool = False
                ) -> Iterator[InputFile | ReadError]:  # fmt: skip
    """Yield the files to read (or errors) for the given INPUT paths, in order, each file once.

    Inputs are taken in the order given; a folder's entries in sorted name order. ``source_id``
    is the path relative to the input folder without its extension, or the stem of a file given
    directly."""
    roots = [os.fsdecode(os.fspath(p)) for p in inputs]
    allowed = [_real(root) for root in roots]
    walker = _Walker([a for a in allowed if a], follow_external_links)
    for root in roots:
        try:
            yield from walker.root(root)
        except (OSError, ValueError) as exc:  # e.g. a NUL character in the path
            yield ReadError(printable(root), None, "read", _reason(exc))


def _real(path: str) -> str | None:
    try:
        return str(Path(path).resolve(strict=True))
    except (OSError, RuntimeError, ValueError):  # missing, looping (RuntimeError in 3.11), NUL in path
        return None


class _Walker:
    """One walk over all inputs: remembers the allowed roots and the files already yielded."""

    def __init__(self, allowed_roots: list[str], follow_external: bool) -> None:
        self.allowed = allowed_roots
        self.follow_external = follow_external
        self.seen: set[str] = set()  # real paths of files already yielded: each file once

    def root(self, root: str) -> Iterator[InputFile | ReadError]:
        """One INPUT path: a folder to walk or a file to read (explicitly named, so any name)."""
        shown = printable(root)
        if not os.path.lexists(root):
            yield ReadError(shown, None, "read", "no such file or directory")
            return
        real = _real(root)
        if real is None:
            yield ReadError(shown, None, "read", _link_problem(root))
        elif os.path.isdir(real):
            yield from self.folder(root, root, {real})
        else:
            yield from self.file(root, real, Path(root).stem)

    def folder(self, folder: str, root: str, ancestors: set[str]) -> Iterator[InputFile | ReadError]:
        """The entries of a folder in sorted order; ``ancestors`` are the real folders above it."""
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            yield ReadError(printable(folder), None, "read", f"cannot list folder: {_reason(exc)}")
            return
        for name in names:
            if name.startswith("."):
                continue  # hidden files and folders (.git, .DS_Store, editor swap files)
            path = os.path.join(folder, name)
            try:
                yield from self.entry(path, root, ancestors)
            except (OSError, ValueError) as exc:  # a file vanishing or changing under the walk
                yield ReadError(printable(path), None, "read", _reason(exc))

    def entry(self, path: str, root: str, ancestors: set[str]) -> Iterator[InputFile | ReadError]:
        """One folder entry: links checked, folders walked, supported files passed on."""
        # Errors name the entry like its records would be named (not None: the errors table is
        # keyed by path and source_id, and a link is reported like the file it stands for).
        source_id = os.path.splitext(os.path.relpath(path, root))[0].replace(os.sep, "/")
        if os.path.islink(path):
            real = _real(path)
            if real is None:
                yield ReadError(printable(path), printable(source_id), "read", _link_problem(path))
                return
            if not self.follow_external and not self.inside_roots(real):
                yield ReadError(printable(path), printable(source_id), "read",
                                "symbolic link leads outside the inputs")
                return
        else:
            real = os.path.realpath(path)
        if os.path.isdir(real):
            if real in ancestors:
                yield ReadError(printable(path), printable(source_id), "read",
                                "symbolic link loops to a parent folder")
            else:
                yield from self.folder(path, root, ancestors | {real})
            return
        name = os.path.basename(path)
        if os.path.splitext(name)[1].lower() not in KINDS or name.lower().startswith(_DOC_FILE_STEMS):
            return
        yield from self.file(path, real, source_id)

    def file(self, path: str, real: str, source_id: str) -> Iterator[InputFile | ReadError]:
        """A file to read, once, if its extension is supported and it is a regular file."""
        shown = printable(path)
        ext = os.path.splitext(path)[1].lower()
        if ext not in KINDS:
            kind = repr(ext) if ext else "(no extension)"
            yield ReadError(shown, printable(source_id), "read", f"unsupported file type {kind}")
            return
        try:
            mode = os.stat(real).st_mode
        except OSError as exc:
            yield ReadError(shown, printable(source_id), "read", _reason(exc))
            return
        if not stat.S_ISREG(mode):
            yield ReadError(shown, printable(source_id), "read", "not a regular file")
            return
        if real in self.seen:
            return  # the same file named twice (overlapping inputs or a link inside the inputs)
        self.seen.add(real)
        yield InputFile(path=path, display=shown, source_id=printable(source_id), kind=KINDS[ext])

    def inside_roots(self, real: str) -> bool:
        """True when the real path lies in (or is) one of the input paths."""
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.allowed)


def _link_problem(path: str) -> str:
    try:
        Path(path).resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # Python 3.13 raises OSError where 3.11 raised RuntimeError
            return "symbolic link loop"
        if os.path.islink(path):
            return "broken symbolic link"
        return _reason(exc)
    return "cannot resolve path"


def _reason(exc: OSError | ValueError) -> str:
    """An error as one short line without the path (the path is reported separately)."""
    if isinstance(exc, OSError):
        return (exc.strerror or type(exc).__name__).lower()
    return " ".join(str(exc).split())
