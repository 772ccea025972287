"""Running the real `kansencoach` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def kansencoach(
    *args: str | Path, stdin: str = "", home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if home is not None:
        env["KANSENCOACH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "kansencoach", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
