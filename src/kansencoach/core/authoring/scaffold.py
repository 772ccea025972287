"""Starting files for the aanjaagteam: a new flow (blank or copied) and a new intervention."""

from __future__ import annotations

import re
from pathlib import Path

from kansencoach.core.common.files import write_atomic
from kansencoach.core.common.templates import template
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.i18n import t

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ScaffoldError(ValueError):
    """The new file cannot be written; the message says why."""


def _check_id(new_id: str) -> None:
    if not _ID.match(new_id):
        raise ScaffoldError(t("scaffold.bad_id", id=new_id))


def new_flow(new_id: str, directory: Path, source: LoadedFlow | None = None) -> Path:
    """Write `directory/new_id.yaml`: the blank template, or a copy of `source` under the new id."""
    _check_id(new_id)
    path = directory / f"{new_id}.yaml"
    if source is None:
        text = template("flow.yaml")
    else:
        original = source.path.read_text(encoding="utf-8")
        text = t("scaffold.copied_header", flow=source.id, path="{path}") + "\n" + original
        text = re.sub(r"(?m)^id:.*$", "id: {id}", text, count=1)
        # A copy with the original's title shows up twice on the start screen; its version stays, so
        # that `flows diff` shows the raise the author makes with each change.
        title = _quote(t("scaffold.copied_title", title=source.flow.title))
        text = re.sub(r"(?m)^title:.*$", lambda _: f"title: {title}", text, count=1)
    return _write(path, text.replace("{id}", new_id).replace("{path}", str(path)))


def new_intervention(new_id: str, directory: Path) -> Path:
    """Write `directory/interventions/new_id.yaml` from the commented template."""
    _check_id(new_id)
    path = directory / "interventions" / f"{new_id}.yaml"
    return _write(path, template("intervention.yaml").replace("{id}", new_id).replace("{path}", str(path)))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(t("scaffold.exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, text)
