"""Release files: the .deb and tarball are byte-identical across builds; names and layout.

Built here from a tiny stand-in bundle (a real ELF executable and a data file),
so they run in the ordinary suite; ``make release-check`` (CI) builds the real
bundle twice from scratch and compares SHA256SUMS.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import ROOT

EPOCH = 1_700_000_000
needs_dpkg = pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="needs dpkg-deb")


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


release = load("release")
debian_depends = load("debian_depends")


def fake_bundle(where: Path, mode: int) -> Path:
    """A one-dir bundle's shape: an executable and ``_internal`` data, with odd modes."""
    bundle = where / "clinic-intake"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    shutil.copyfile("/bin/true", bundle / "clinic-intake")
    (bundle / "clinic-intake").chmod(0o700 | mode)
    for name in ("b.txt", "a.txt"):
        data = bundle / "_internal" / "resources" / name
        data.write_text(name, encoding="utf-8")
        data.chmod(0o600 | (mode & 0o066))
    (bundle / "_internal" / "link").symlink_to("resources/a.txt")
    return bundle


def build(tmp_path: Path, tag: str, mode: int, mtime: int) -> tuple[bytes, bytes]:
    bundle = fake_bundle(tmp_path / tag, mode)
    for path in bundle.rglob("*"):
        os.utime(path, (mtime, mtime), follow_symlinks=False)
    out = tmp_path / f"out-{tag}"
    out.mkdir()
    deb = release.build_deb(bundle, out, tmp_path / f"work-{tag}", EPOCH)
    tarball = release.build_tarball(bundle, out, EPOCH)
    return deb.read_bytes(), tarball.read_bytes()


@needs_dpkg
def test_two_builds_of_different_file_times_and_modes_are_identical(tmp_path: Path) -> None:
    first = build(tmp_path, "one", 0o000, 1_111_111_111)
    second = build(tmp_path, "two", 0o077, 1_222_222_222)
    assert first[0] == second[0], "the .deb differs"
    assert first[1] == second[1], "the tarball differs"


@needs_dpkg
def test_deb_layout_owner_times_and_control(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path, 0)
    deb = release.build_deb(bundle, tmp_path, tmp_path / "work", EPOCH)
    assert deb.name == f"clinic-intake_{release.version()}_{release.deb_architecture()}.deb"
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    paths = [line.split()[5] for line in listing]
    assert "./opt/clinic-intake/clinic-intake" in paths
    assert "./usr/bin/clinic-intake" in paths
    assert "./usr/share/applications/clinic-intake.desktop" in paths
    assert "./usr/share/icons/hicolor/scalable/apps/clinic-intake.svg" in paths
    assert "./usr/share/icons/hicolor/48x48/apps/clinic-intake.png" in paths
    link = next(x for x in listing if "usr/bin/clinic" in x)
    assert link.endswith("-> /opt/clinic-intake/clinic-intake")
    assert all(line.split()[1] == "root/root" for line in listing)
    assert {line.split()[3] for line in listing} == {"2023-11-14"}  # EPOCH, UTC
    field = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Installed-Size"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: clinic-intake" in field
    assert f"Version: {release.version()}" in field
    # No user data in any maintainer script: there are none.
    control = subprocess.run(
        ["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "postrm" not in control and "prerm" not in control


def test_tarball_members_are_sorted_root_owned_and_dated(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path, 0o022)
    tarball = release.build_tarball(bundle, tmp_path, EPOCH)
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
    names = [m.name for m in members]
    top = f"clinic-intake-{release.version()}"
    assert names == sorted(names)
    assert names[0] == top
    assert all(m.uid == 0 and m.gid == 0 and m.mtime == EPOCH for m in members)
    assert all(not (m.mode & 0o022) for m in members if not m.issym())
    assert archive_bytes_have_no_time(tarball)


def archive_bytes_have_no_time(tarball: Path) -> bool:
    """gzip -n: the header's MTIME field (bytes 4-7) is zero and no file name is stored."""
    header = tarball.read_bytes()[:10]
    return header[4:8] == b"\0\0\0\0" and not header[3] & 0x08


def test_sums_name_each_file(tmp_path: Path) -> None:
    (tmp_path / "b.deb").write_bytes(b"deb")
    (tmp_path / "a.tar.gz").write_bytes(b"tar")
    sums = release.write_sums([tmp_path / "b.deb", tmp_path / "a.tar.gz"], tmp_path)
    check = subprocess.run(["sha256sum", "--check", sums.name], cwd=tmp_path, capture_output=True)
    assert check.returncode == 0
    assert [line.split()[1] for line in sums.read_text().splitlines()] == ["a.tar.gz", "b.deb"]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libwayland-egl.so.1", "libwayland-egl1"),
        ("libbz2.so.1.0", "libbz2-1.0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ],
)
def test_debian_library_package_names(soname: str, package: str) -> None:
    assert debian_depends.package_name_for(soname) == package


@given(st.from_regex(r"lib[a-z][a-z0-9-]{0,12}\.so\.[0-9]{1,2}", fullmatch=True))
def test_package_names_are_valid_debian_names(soname: str) -> None:
    name = debian_depends.package_name_for(soname)
    assert name == name.lower() and name.startswith("lib")
    assert name[-1].isdigit()


def test_depends_of_a_bundle_skips_what_it_carries(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path, 0)
    assert debian_depends.system_libraries(bundle).keys() <= {"libc.so.6"}


def test_control_depends_carry_the_c_library_floor(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path, 0)
    floor = debian_depends.glibc_floor(bundle)
    assert floor is not None and tuple(map(int, floor.split("."))) >= (2, 2)
    value = debian_depends.render(["libegl1", "libxcb1"], "control", floor)
    assert value == f"libc6 (>= {floor}), libegl1, libxcb1"
    assert debian_depends.render(["libegl1", "libxcb1"], "lines", floor) == "libegl1\nlibxcb1"


def test_desktop_entry_names_the_app_in_all_eleven_languages() -> None:
    from clinic_app.i18n import LANGUAGES

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "linux" / "clinic-intake.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    desktop_locale = {"zh_Hant": "zh_TW"}
    for key in ("Name", "GenericName", "Comment"):
        assert section[key]
        others = [desktop_locale.get(code, code) for code in LANGUAGES if code != "en"]
        missing = [loc for loc in others if f"{key}[{loc}]" not in section]
        assert missing == [], f"{key}: {missing}"
    assert section["Exec"] == "clinic-intake"
    assert section["Icon"] == "clinic-intake"
