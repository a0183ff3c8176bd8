"""Make sure Debian's chromium is there for the browser tests (run by `make test`).

Playwright's own browser download needs the internet; we drive the distribution's chromium
instead. As root on Debian/Ubuntu (CI) it is installed with apt-get when missing; elsewhere a
notice is printed and the browser tests skip, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    explicit = os.environ.get("CINEBRIDGE_CHROMIUM")
    if explicit and os.path.exists(explicit):
        return explicit
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def main() -> int:
    if chromium_path():
        return 0
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        print("browser tests: installing Debian's chromium (apt-get)...", flush=True)
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        result = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"],
            check=False,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        if result.returncode == 0 and chromium_path():
            return 0
    print(
        "browser tests: no chromium found; install your distribution's chromium package "
        "(or set CINEBRIDGE_CHROMIUM) to run them. They will be skipped.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
