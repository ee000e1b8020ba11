"""`make run` / `make test` on a machine without Odoo: scripts/ensure-venv.sh installs the
pinned Odoo 17.0 source release (scripts/odoo-release.env) into a virtual environment of
its own. The script runs for real, into throwaway directories (VENV=..., a temporary
download cache): the project's .venv and the user's download cache are never written;
pip's cache is used as usual."""

import functools
import http.server
import io
import os
import shutil
import socket
import subprocess
import tarfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "ensure-venv.sh"
RELEASE = dict(
    line.split("=", 1)
    for line in (ROOT / "scripts" / "odoo-release.env").read_text().splitlines()
    if line and not line.startswith("#")
)
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip"
)


def local_release():
    """A local copy of the pinned release: $ODOO_SOURCE, else the download cache."""
    if os.environ.get("ODOO_SOURCE"):
        return Path(os.environ["ODOO_SOURCE"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cached = cache / "smart_dairy_b2b" / RELEASE["ODOO_RELEASE_FILE"]
    return cached if cached.is_file() else None


def ensure_venv(tmp_path, timeout=60, **env):
    """Runs ensure-venv.sh with Odoo forced into VENV=tmp_path/venv (the machine may have
    Odoo: ODOO_INSTALL=venv takes the path of a machine without it)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ODOO_SOURCE", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    clean.update(
        VENV=str(tmp_path / "venv"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),  # the download cache, and pip's but for:
        PIP_CACHE_DIR=PIP_CACHE,  # pip's own, so that the install takes minutes, not more
        ODOO_INSTALL="venv",
        TMPDIR=str(tmp_path),
    )
    clean.update(env)
    return subprocess.run(
        ["bash", str(SCRIPT)], env=clean, capture_output=True, text=True, timeout=timeout
    )


def fake_release(path, top, files, version=None):
    """A .tar.gz holding `files` ({relative path: text}) under `top`/, and a PKG-INFO saying
    `version` when given."""
    with tarfile.open(path, "w:gz") as tar:
        entries = dict(files)
        if version:
            entries["PKG-INFO"] = f"Metadata-Version: 2.1\nName: odoo\nVersion: {version}\n"
        for name, text in entries.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def assert_refused(result, *phrases):
    assert result.returncode != 0, result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


# The failures: cheap, no pip ---------------------------------------------------


def test_missing_source_file(tmp_path):
    result = ensure_venv(tmp_path, ODOO_SOURCE=str(tmp_path / "nope.tar.gz"))
    assert_refused(result, "ODOO_SOURCE=", "no such file", RELEASE["ODOO_RELEASE_FILE"])
    assert not (tmp_path / "venv").exists()


def test_not_an_archive(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_text("not an archive")
    assert_refused(ensure_venv(tmp_path, ODOO_SOURCE=str(junk)), "is not a .tar.gz archive")


def test_not_odoo(tmp_path):
    archive = fake_release(tmp_path / "other.tar.gz", "other-1.0", {"setup.py": ""})
    result = ensure_venv(tmp_path, ODOO_SOURCE=str(archive))
    assert_refused(result, "is not an Odoo source release", RELEASE["ODOO_RELEASE_URL"])
    assert not (tmp_path / "venv").exists()


def test_other_odoo_version(tmp_path):
    archive = fake_release(
        tmp_path / "odoo16.tar.gz", "odoo-16.0", {"odoo/release.py": ""}, version="16.0"
    )
    result = ensure_venv(tmp_path, ODOO_SOURCE=str(archive))
    assert_refused(result, "is Odoo 16.0, not the pinned " + RELEASE["ODOO_VERSION"])


def test_checksum_differs(tmp_path):
    version = RELEASE["ODOO_VERSION"]
    archive = fake_release(
        tmp_path / "forged.tar.gz", f"odoo-{version}", {"odoo/release.py": ""}, version=version
    )
    result = ensure_venv(tmp_path, ODOO_SOURCE=str(archive))
    assert_refused(result, "its files differ", RELEASE["ODOO_TREE_SHA256"])
    assert not (tmp_path / "venv").exists()


def test_bad_file_in_the_cache(tmp_path):
    cached = tmp_path / "cache" / "smart_dairy_b2b" / RELEASE["ODOO_RELEASE_FILE"]
    cached.parent.mkdir(parents=True)
    fake_release(cached, "other-1.0", {"setup.py": ""})
    result = ensure_venv(tmp_path)
    assert_refused(result, "is not an Odoo source release", f"delete the cached {cached}")


def test_download_fails(tmp_path):
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = ensure_venv(tmp_path, ODOO_SOURCE=f"http://127.0.0.1:{port}/odoo.tar.gz")
    assert_refused(
        result,
        "Could not download Odoo 17.0",
        f"ODOO_SOURCE=/path/to/{RELEASE['ODOO_RELEASE_FILE']} make run",
        "install Odoo 17 yourself",
    )
    cache = tmp_path / "cache" / "smart_dairy_b2b"
    assert not any(cache.iterdir()), "a failed download must leave nothing in the cache"


def test_unknown_install_mode(tmp_path):
    assert_refused(ensure_venv(tmp_path, ODOO_INSTALL="pip"), "ODOO_INSTALL=pip")


# The install: minutes (pip installs Odoo's requirements) ------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def scratch(tmp_path):
    """tmp_path, emptied afterwards: pytest keeps its last runs' folders, and this one
    holds a venv with Odoo and a copy of the release (2 GB)."""
    yield tmp_path
    for child in tmp_path.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


@pytest.fixture
def release_url(scratch):
    """The local copy of the release served over HTTP under its official file name, so the
    install takes the download path and fills the (temporary) cache."""
    source = local_release()
    if source is None:
        pytest.skip(
            "no local copy of Odoo's 17.0 source release: set ODOO_SOURCE=/path/to/"
            f"{RELEASE['ODOO_RELEASE_FILE']} (from {RELEASE['ODOO_RELEASE_URL']}) or put it "
            "in ~/.cache/smart_dairy_b2b/"
        )
    served = scratch / "served"
    served.mkdir()
    (served / RELEASE["ODOO_RELEASE_FILE"]).symlink_to(source.resolve())
    handler = functools.partial(QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{RELEASE['ODOO_RELEASE_FILE']}"
    server.shutdown()
    server.server_close()


@pytest.mark.odoo_install
def test_installs_odoo_into_a_venv_of_its_own(scratch, release_url):
    tmp_path = scratch
    venv = tmp_path / "venv"
    python = str(venv / "bin" / "python")
    result = ensure_venv(tmp_path, timeout=5400, ODOO_SOURCE=release_url)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    cached = tmp_path / "cache" / "smart_dairy_b2b" / RELEASE["ODOO_RELEASE_FILE"]
    assert cached.stat().st_size == local_release().stat().st_size

    def venv_python(code):
        out = subprocess.run(
            [python, "-c", code], capture_output=True, text=True, env={"PATH": os.environ["PATH"]}
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    # Odoo 17.0 from the venv's own site-packages (a regular install, not the machine's
    # and not an editable one), with the OCA addon wheel beside its addons
    where, version = venv_python(
        "import odoo, odoo.release as r; print(odoo.__file__); print(r.version_info[:2])"
    ).splitlines()
    assert version == "(17, 0)"
    assert Path(where).is_relative_to(venv / "lib") and "/site-packages/odoo/" in where
    report_xlsx = venv_python("import odoo.addons.report_xlsx as m; print(m.__file__)")
    assert Path(report_xlsx).is_relative_to(venv / "lib")
    venv_python("import websocket, numpy, scipy, pytest")
    for command in ([str(venv / "bin" / "odoo"), "--version"], [python, "-m", "odoo", "--version"]):
        out = subprocess.run(command, capture_output=True, text=True)
        assert out.returncode == 0 and "Odoo Server 17.0" in out.stdout, (command, out)

    # a second run finds the stamp and does nothing
    started = time.monotonic()
    again = ensure_venv(tmp_path, ODOO_SOURCE=release_url)
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert time.monotonic() - started < 15

    # a run cut short while installing requirements.txt is finished by the next one,
    # without installing Odoo again
    stamp = venv / ".setup-stamp"
    stamp.write_text("".join(line for line in stamp.open() if not line.startswith("requirements=")))
    again = ensure_venv(tmp_path, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "Installing requirements.txt" in again.stderr
    assert "Odoo's requirements" not in again.stderr
    assert "requirements=" in stamp.read_text()
