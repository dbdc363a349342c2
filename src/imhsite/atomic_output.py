"""Build into a staging folder and replace the output only when the build succeeded.

A failed or interrupted build leaves the previous site exactly as it was; so does a failed
export its previous file.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".imhsite-staging-"


def staging_folder(final: Path) -> Path:
    """A fresh, empty folder beside `final` (same filesystem, so the swap is a rename)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    previous = _previous(final)
    if previous.exists() and not final.exists():
        previous.rename(final)  # a build was stopped between publish()'s two renames
    for leftover in final.parent.glob(f"{STAGING_PREFIX}{final.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from an interrupted build
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{final.name}-", dir=final.parent))


def publish(staging: Path, final: Path) -> None:
    """Put the finished build in place of the previous one."""
    previous = _previous(final)
    if previous.exists():
        shutil.rmtree(previous)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def write_file(final: Path, text: str) -> None:
    """Write `text` to `final` whole or not at all: into a file beside it, then renamed over it.

    A full disk, a file-size limit or a kill mid-way leaves the previous file as it was.
    """
    write_files({final: text})


def write_files(texts: dict[Path, str]) -> None:
    """Write every file whole, or none: each text into a file beside its target, then all renamed.

    Nothing is renamed until every text is written, so a full disk, a file-size limit or a
    missing folder leaves every target as it was; a folder standing where a file must go is
    refused before anything is written (renaming over it is what could fail half-way).
    """
    for final in texts:
        if final.is_dir():
            raise IsADirectoryError(errno.EISDIR, "a folder stands where the file must go", str(final))
    staged: dict[Path, Path] = {}
    try:
        for final, text in texts.items():
            try:
                staged[final] = _staged(final, text)
            except OSError as err:  # named after the file it was for, not the temporary one
                raise OSError(err.errno, err.strerror, str(final)) from err
        for final, staging in staged.items():
            os.replace(staging, final)
    finally:
        for staging in staged.values():
            staging.unlink(missing_ok=True)


def _staged(final: Path, text: str) -> Path:
    """`text` written and flushed to disk in a new file beside `final`, with a new file's mode."""
    handle, name = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{final.name}-", dir=final.parent)
    staging = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(staging, _new_file_mode())
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return staging


def _new_file_mode() -> int:
    """The mode a file created with open() gets (mkstemp's own is private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _previous(final: Path) -> Path:
    """Where the previous site waits while the new one moves into place."""
    return final.with_name(f"{STAGING_PREFIX}{final.name}-previous")
