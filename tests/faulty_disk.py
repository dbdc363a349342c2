"""Run a command whose output folder has a real fault: a full disk, a read-only file system or a
file-size limit (RLIMIT_FSIZE).

The folder is a tmpfs mounted in a mount namespace of the command's own (`unshare`, which needs
no privileges), seeded with a copy of a folder, so the kernel itself refuses the writes. The
namespace ends with the command: this module runs itself inside it, and reports the command's
result and the folder's files afterwards as JSON.
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

REASONS = {
    "full disk": "No space left on device",
    "read-only file system": "Read-only file system",
    "file-size limit": "File too large",
}
"""Each fault, and how the system words the error it causes."""
FAULTS = tuple(REASONS)

PAGE = 4096
FILE_SIZE_LIMIT = 64 * 1024
"""Smaller than the files the build and the export write, larger than none of them."""


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) -> the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def run_with_fault(fault: str, folder: Path, seed: Path, command: list[str], cwd: Path,
                   ) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run `command` in `cwd` while `folder` holds a copy of `seed` under `fault`.

    Returns the command's result and the fingerprint of `folder` once it ended.
    """
    assert fault in FAULTS, fault
    folder.mkdir(parents=True, exist_ok=True)
    request = {"fault": fault, "folder": str(folder), "seed": str(seed), "command": command, "cwd": str(cwd)}
    outer = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", sys.executable, __file__, json.dumps(request)],
        capture_output=True, text=True,
    )
    assert outer.returncode == 0, f"could not set up the {fault}: {outer.stderr}"
    report = json.loads(outer.stdout)
    result = subprocess.CompletedProcess(command, report["returncode"], report["stdout"], report["stderr"])
    return result, report["files"]


def _inside(request: dict) -> dict:
    """In the namespace: mount, seed, fault, run, look."""
    folder, seed, fault = Path(request["folder"]), Path(request["seed"]), request["fault"]
    used = sum(-(-p.stat().st_size // PAGE) * PAGE for p in seed.rglob("*") if p.is_file())
    size = used + 16 * PAGE if fault == "full disk" else used + 64 * 1024 * 1024
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    shutil.copytree(seed, folder, dirs_exist_ok=True)
    if fault == "read-only file system":
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    limit = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))) \
        if fault == "file-size limit" else None
    result = subprocess.run(request["command"], cwd=request["cwd"], capture_output=True, text=True, preexec_fn=limit)
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr,
            "files": fingerprint(folder)}


if __name__ == "__main__":
    print(json.dumps(_inside(json.loads(sys.argv[1]))))
