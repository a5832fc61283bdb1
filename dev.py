#!/usr/bin/env python3
"""The project's two everyday commands, needing nothing but python3 (with venv and pip):

python3 dev.py run    set up .venv, bootstrap the SQLite database, serve on 127.0.0.1:8000
python3 dev.py test   set up .venv and run the whole test suite (extra arguments go to pytest)
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
STAMP = VENV / ".requirements-sha256"


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the pinned requirements, again only when they change."""
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == requirements_digest():
        return
    print("Installing requirements ...", flush=True)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PYTHON, "-m", "pip", "install", "--quiet", "-r", ROOT / "requirements-dev.txt"])
    STAMP.write_text(requirements_digest())


def run(command: list) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT)
    if result.returncode:
        sys.exit(result.returncode)


def serve() -> None:
    # The development server runs with DEBUG on (and the development secret key) unless
    # DEBUG is set otherwise; the settings keep it off when nobody asks.
    os.environ.setdefault("DEBUG", "1")
    run([PYTHON, "manage.py", "bootstrap"])
    print("\nServing on http://127.0.0.1:8000/ (admin at /admin/; Ctrl-C stops)", flush=True)
    print(
        "No account yet? In another terminal: DEBUG=1 .venv/bin/python manage.py createsuperuser\n"
    )
    run([PYTHON, "manage.py", "runserver", "127.0.0.1:8000"])


def test(arguments: list[str]) -> None:
    run([PYTHON, "-m", "pytest", *arguments])


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    ensure_venv()
    if sys.argv[1] == "run":
        serve()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
