"""Files Sankore writes (`-o FILE`, exports): whole or not at all, and never in place of
something that is not a regular file.

    with atomic_output(Path("events.json")) as out:
        out.write(text)

- "-" is standard output, as for every Unix tool.
- A regular file (or a path not there yet) is written to an anonymous file in the same
  folder (Linux `O_TMPFILE`: it has no name, so a `kill -9` mid-write leaves nothing
  behind), which is given a name and renamed over the target only once it is complete.
  A file that replaces another keeps that file's permissions; a new one gets the usual
  0666 less the umask.
- A symbolic link is followed: its target is what gets written, the link stays a link.
- A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is opened and written
  in place, as a shell's `>` would: renaming over it would replace the device itself.
- A missing folder, a folder as target or a link loop is an `OutputError` naming the path.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OutputError


def _target(path: Path) -> Path:
    """The file a write to `path` must end in: a link's target, checked for what it is."""
    try:
        target = path.resolve(strict=False) if path.is_symlink() else path
    except (OSError, RuntimeError) as error:  # a symlink loop (RuntimeError before 3.13)
        raise OutputError(f"cannot write: {error}", source=str(path)) from error
    if target.is_dir():
        raise OutputError("is a folder, not a file", source=str(path))
    if not target.parent.is_dir():
        raise OutputError(f"cannot write: no folder {str(target.parent)!r}", source=str(path))
    return target


def _in_place(target: Path) -> bool:
    """True for a device, FIFO or socket: written where it is, never replaced."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


def _partial_name(target: Path) -> str:
    return str(target.parent / f".{target.name}.{secrets.token_hex(6)}.part")


def _anonymous(target: Path, file_mode: int) -> tuple[int, str | None]:
    """A writable descriptor beside `target`, and its name (None: nameless, O_TMPFILE)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            return os.open(target.parent, flag | os.O_WRONLY, file_mode), None
        except OSError:  # a file system without O_TMPFILE support: a named temporary file
            pass
    name = _partial_name(target)
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode), name


def _link(fd: int, name: str) -> None:
    """Give the nameless file `fd` the name `name`. A folder descriptor is passed so that
    Python calls linkat(2) with AT_SYMLINK_FOLLOW (plain link(2) would try to hard-link the
    /proc entry itself, across file systems)."""
    folder = os.open(os.path.dirname(name) or ".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(f"/proc/self/fd/{fd}", os.path.basename(name), dst_dir_fd=folder)
    finally:
        os.close(folder)


@contextmanager
def atomic_output(path: Path | str, *, binary: bool = False, newline: str | None = None,
                  keep_if_empty: bool = False) -> Iterator[IO[Any]]:
    """A handle whose content replaces `path` when the block ends without an exception.

    `keep_if_empty`: a block that wrote nothing leaves an existing file as it was.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(path)
    target = _target(path)
    if _in_place(target):
        try:
            with (open(target, "wb") if binary else
                  open(target, "w", encoding="utf-8", newline=newline)) as device:
                yield device
        except OSError as error:
            raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from error
        return
    try:
        existing = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing = None
    try:
        fd, partial = _anonymous(target, 0o666 if existing is None else existing)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from error
    raw = open(fd, "wb", closefd=False)
    handle: IO[Any] = raw if binary else io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
    try:
        yield handle
        handle.flush()
        wrote = raw.tell() > 0
        if existing is not None:
            os.fchmod(fd, existing)  # O_TMPFILE applies the umask; a replaced file keeps its mode
        os.fsync(fd)
        if wrote or not keep_if_empty:
            if partial is None:  # nameless until now: the window a kill can leave a file is this
                partial = _partial_name(target)
                _link(fd, partial)
            os.replace(partial, target)
            partial = None
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from error
    finally:
        if isinstance(handle, io.TextIOWrapper) and not handle.closed:
            handle.detach()  # the descriptor is closed below, once, whatever happened
        raw.close()
        os.close(fd)
        if partial is not None:
            try:
                os.unlink(partial)
            except FileNotFoundError:
                pass
