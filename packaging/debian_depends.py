"""The Debian packages a folder of Qt libraries needs from the system, found with ``ldd``.

    python packaging/debian_depends.py DIR [--format control|lines]

Runs ``ldd`` on every ELF file under DIR (the PyInstaller bundle, or PySide6's
``Qt`` folder in a venv), keeps the libraries that do not come from DIR itself,
and names the Debian package of each: ``dpkg -S`` for a library that is
installed, Debian's library-package naming (``libfoo.so.1`` -> ``libfoo1``,
checked with ``apt-cache``) for one that is missing. ``make deb`` writes the
result into the package's ``Depends``; ``scripts/ensure-system-deps.sh``
can install the same list. Standard library only, so it runs before any venv.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# "libfoo.so.1 => /lib/x86_64-linux-gnu/libfoo.so.1 (0x...)" or "=> not found".
LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
GLIBC_VERSION = re.compile(r"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b")
SONAME = re.compile(r"^(?P<stem>lib[\w.+-]*?)\.so\.(?P<version>[\d.]+)$")
# The C library is named once, with its version floor (see ``glibc_floor``).
ALWAYS_THERE = {"libc6"}


class UnknownLibrary(RuntimeError):
    """A needed library no Debian package could be named for."""


def elf_files(root: Path, only: Sequence[str] = ()) -> list[Path]:
    """Regular ELF files under ``root`` (symlinks skipped: their targets are listed),
    or only those matching one of the ``only`` globs (relative to ``root``)."""
    found = []
    paths = sorted({p for pattern in only for p in root.glob(pattern)} if only else root.rglob("*"))
    for path in paths:
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == ELF_MAGIC:
                found.append(path)
    return found


def ldd(path: Path, library_path: str) -> dict[str, str | None]:
    """``{soname: resolved path or None}`` for one file, as its loader would see it."""
    env = {**os.environ, "LD_LIBRARY_PATH": library_path, "LC_ALL": "C"}
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
    needed: dict[str, str | None] = {}
    for line in result.stdout.splitlines():
        match = LDD_LINE.match(line)
        if match:
            target = match[2]
            needed[match[1]] = None if target == "not found" else target
    return needed


def system_libraries(root: Path, only: Sequence[str] = ()) -> dict[str, str | None]:
    """Libraries some file under ``root`` (or the ``only`` ones) needs and ``root``
    does not carry."""
    root = root.resolve()
    carried = {p.name for p in root.rglob("*.so*")}
    # The PyInstaller bootloader puts _internal first on the library path.
    dirs = sorted({str(p.parent) for p in root.rglob("*.so*")})
    library_path = ":".join([str(root / "_internal"), *dirs])
    needed: dict[str, str | None] = {}
    for path in elf_files(root, only):
        libraries = ldd(path, library_path)
        if any(s.startswith("libQt6") and s not in carried for s in libraries):
            continue  # a plugin for a Qt module not shipped here: it never loads
        for soname, target in libraries.items():
            if soname in carried:
                continue
            if target is not None and Path(target).resolve().is_relative_to(root):
                continue
            needed.setdefault(soname, target)
    return needed


def package_name_for(soname: str) -> str:
    """Debian's library-package name: ``libfoo.so.1`` -> ``libfoo1``, ``libfoo2.so.0`` ->
    ``libfoo2-0`` (a hyphen where the name ends in a digit), lower case, ``_`` -> ``-``."""
    match = SONAME.match(soname)
    if not match:
        raise UnknownLibrary(soname)
    stem = match["stem"].lower().replace("_", "-")
    version = match["version"]
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def owner_of(path: str) -> str | None:
    """The installed package that holds ``path`` (trying /usr and the merged-/usr path)."""
    real = os.path.realpath(path)
    candidates = [path, real]
    for item in list(candidates):
        if item.startswith("/usr/"):
            candidates.append(item[4:])
        else:
            candidates.append("/usr" + item)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            # "libfoo1:amd64: /usr/lib/x86_64-linux-gnu/libfoo.so.1"
            return result.stdout.split(": ", 1)[0].split(":", 1)[0].split(",")[0].strip()
    return None


def apt_knows(package: str) -> bool:
    result = subprocess.run(
        ["apt-cache", "show", "--no-all-versions", package], capture_output=True, text=True
    )
    return result.returncode == 0 and "Package:" in result.stdout


def packages(needed: dict[str, str | None]) -> list[str]:
    """The sorted package names for ``needed``; raises ``UnknownLibrary`` on a gap."""
    names = set()
    for soname, target in sorted(needed.items()):
        name = owner_of(target) if target else None
        if name is None:
            name = package_name_for(soname)
            if not apt_knows(name):
                raise UnknownLibrary(f"{soname}: no installed owner and no package {name}")
        names.add(name)
    return sorted(names - ALWAYS_THERE)


def glibc_floor(root: Path, only: Sequence[str] = ()) -> str | None:
    """The newest ``GLIBC_2.N`` symbol version any file under ``root`` needs."""
    newest: tuple[int, ...] = ()
    for path in elf_files(root, only):
        result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
        for found in GLIBC_VERSION.findall(result.stdout):
            newest = max(newest, tuple(int(part) for part in found.split(".")))
    return ".".join(map(str, newest)) or None


def render(names: Iterable[str], fmt: str, glibc: str | None = None) -> str:
    """``lines``: bare names (for apt-get install); ``control``: a Depends value,
    with the C library's version floor first."""
    names = list(names)
    if fmt == "lines":
        return "\n".join(names)
    return ", ".join(([f"libc6 (>= {glibc})"] if glibc else []) + names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder of ELF files (bundle or Qt folder)")
    parser.add_argument("--format", choices=["control", "lines"], default="lines")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GLOB",
        help="look only at these files (globs relative to ROOT; repeatable)",
    )
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"not a folder: {args.root}")
    try:
        names = packages(system_libraries(args.root, args.only))
    except UnknownLibrary as exc:
        print(f"debian_depends: {exc}", file=sys.stderr)
        return 1
    glibc = glibc_floor(args.root, args.only) if args.format == "control" else None
    print(render(names, args.format, glibc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
