"""Release files from the PyInstaller bundle: a .deb, a .tar.gz and SHA256SUMS.

    python packaging/release.py deb     [--bundle dist/clinic-intake] [--out dist]
    python packaging/release.py release [--bundle dist/clinic-intake] [--out release]

Reproducible: every file time is ``SOURCE_DATE_EPOCH`` (the last commit's time
unless set), owners are root, modes are normalised, archive members are sorted
and gzip writes no name or time, so two builds of one commit give the same
bytes. Needs only dpkg-deb, GNU tar and gzip (standard library Python).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
PACKAGE = "clinic-intake"
PREFIX = Path("opt") / PACKAGE
ICON_SIZES = (48, 128, 256)

DESCRIPTION = """\
Offline, encrypted intake and screening for immigration clinics
 Clinic Intake runs a multilingual client intake at a legal-services clinic,
 screens for DACA, TPS and the need for a lawyer, and prints referral sheets.
 Records are kept in an encrypted SQLCipher vault in each user's data folder;
 the program opens no network connection.
 .
 Removing this package removes the program only: vaults and backups stay in
 the users' data folders (see /usr/share/doc/clinic-intake/install.md)."""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Clinic Intake
Comment: The bundled fonts' licences are in
 /opt/clinic-intake/_internal/resources/fonts/licenses/, the word list's in
 /opt/clinic-intake/_internal/resources/wordlist/. The program bundles Python,
 Qt (PySide6, LGPLv3) and the libraries listed in its pyproject.toml.
"""


def version() -> str:
    text = (ROOT / "clinic_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match, "clinic_app/__init__.py names no __version__"
    return match[1]


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def deb_architecture() -> str:
    out = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    return out.stdout.strip()


def normalise(tree: Path, epoch: int) -> None:
    """Modes 0755/0644 (keeping whether a file is executable) and every time ``epoch``."""
    paths = sorted(tree.rglob("*"), reverse=True)  # children before their folder
    for path in paths:
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)
        os.utime(path, (epoch, epoch))
    tree.chmod(0o755)
    os.utime(tree, (epoch, epoch))


def installed_size_kib(tree: Path) -> int:
    """What dpkg-gencontrol counts: each file's KiB rounded up, 1 for each other entry."""
    total = 0
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 1024)
        else:
            total += 1
    return total


def control(ver: str, arch: str, depends: str, size_kib: int) -> str:
    fields = [
        f"Package: {PACKAGE}",
        f"Version: {ver}",
        f"Architecture: {arch}",
        "Maintainer: Clinic Intake maintainers <maintainers@clinic-intake.invalid>",
        f"Installed-Size: {size_kib}",
    ]
    if depends:
        fields.append(f"Depends: {depends}")
    return "\n".join(fields) + (
        f"\nSection: misc\nPriority: optional\nDescription: {DESCRIPTION}\n"
    )


def depends_of(bundle: Path) -> str:
    script = ROOT / "packaging" / "debian_depends.py"
    out = subprocess.run(
        [sys.executable, str(script), str(bundle), "--format", "control"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr.strip())
    return out.stdout.strip()


def stage_deb(bundle: Path, stage: Path, depends: str, ver: str, arch: str) -> None:
    """The package's file tree under ``stage`` (with DEBIAN/control)."""
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / PREFIX, symlinks=True)
    (stage / "usr/bin").mkdir(parents=True)
    (stage / "usr/bin" / PACKAGE).symlink_to(Path("/") / PREFIX / PACKAGE)
    apps = stage / "usr/share/applications"
    apps.mkdir(parents=True)
    shutil.copyfile(LINUX / f"{PACKAGE}.desktop", apps / f"{PACKAGE}.desktop")
    icons = stage / "usr/share/icons/hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(LINUX / "icons" / f"{PACKAGE}-{size}.png", target / f"{PACKAGE}.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(LINUX / "icons" / f"{PACKAGE}.svg", icons / "scalable/apps" / f"{PACKAGE}.svg")
    doc = stage / "usr/share/doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    shutil.copyfile(ROOT / "docs" / "install.md", doc / "install.md")
    size = installed_size_kib(stage)
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(control(ver, arch, depends, size), encoding="utf-8")


def build_deb(bundle: Path, out_dir: Path, work: Path, epoch: int) -> Path:
    ver, arch = version(), deb_architecture()
    stage = work / f"{PACKAGE}_{ver}_{arch}"
    stage_deb(bundle, stage, depends_of(bundle), ver, arch)
    normalise(stage, epoch)
    out = out_dir / f"{PACKAGE}_{ver}_{arch}.deb"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    # gzip, one thread: the same bytes on every machine (xz's threads split blocks).
    dpkg_deb = ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--threads-max=1"]
    subprocess.run(
        [*dpkg_deb, "--build", str(stage), str(out)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage)
    return out


def build_tarball(bundle: Path, out_dir: Path, epoch: int) -> Path:
    """``clinic-intake-VERSION-linux-ARCH.tar.gz``: the one-dir bundle in one folder."""
    top = f"{PACKAGE}-{version()}"
    out = out_dir / f"{top}-linux-{os.uname().machine}.tar.gz"
    tar = [
        "tar",
        "--create",
        "--sort=name",
        "--format=gnu",
        "--owner=0",
        "--group=0",
        "--numeric-owner",
        f"--mtime=@{epoch}",
        "--mode=u+rw,go-w,a+rX",
        f"--transform=s,^{bundle.name},{top},",
        "-C",
        str(bundle.parent),
        bundle.name,
    ]
    with out.open("wb") as handle:
        tarred = subprocess.Popen(tar, stdout=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"})
        subprocess.run(["gzip", "-n", "-6"], stdin=tarred.stdout, stdout=handle, check=True)
        assert tarred.stdout is not None
        tarred.stdout.close()
        if tarred.wait() != 0:
            raise SystemExit("tar failed")
    return out


def write_sums(files: list[Path], out_dir: Path) -> Path:
    lines = []
    for path in sorted(files, key=lambda p: p.name):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.name}\n")
    sums = out_dir / "SHA256SUMS"
    sums.write_text("".join(lines), encoding="ascii")
    return sums


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["deb", "release"])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "release")
    args = parser.parse_args(argv)
    if not (args.bundle / PACKAGE).is_file():
        parser.error(f"no bundle at {args.bundle}: run `make package`")
    epoch = source_date_epoch()
    out_dir: Path = args.out or ROOT / ("dist" if args.what == "deb" else "release")
    if args.what == "release" and out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    files = [build_deb(args.bundle, out_dir, args.work, epoch)]
    if args.what == "release":
        files.append(build_tarball(args.bundle, out_dir, epoch))
        files.append(write_sums(files, out_dir))
    for path in files:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
