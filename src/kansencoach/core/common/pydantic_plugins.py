"""Pydantic without its plugin discovery: kansencoach validates its own files, and no plugin has a
part in that.

The first validator pydantic builds in a process looks for plugins: it imports `importlib.metadata`
(with `email`, `zipfile`, `csv` and more) and reads the entry points of every installed package.
That was about a sixth of a `flows validate` after an edit, and is part of every start of the app.
Pydantic finds plugins through one function of one private module, `pydantic.plugin._loader`,
imported when the first validator is built. When pydantic imports it, it gets a module whose
`get_plugins` finds none: what `PYDANTIC_DISABLE_PLUGINS` does, without the import and the scan.
Installed by the package's `__init__`, so it holds for every command and the app.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec
from types import ModuleType

LOADER = "pydantic.plugin._loader"
"""The module through which pydantic finds its plugins (`get_plugins`)."""


class _NoPlugins:
    """Finds and makes the stand-in for `LOADER` (an import hook, first on `sys.meta_path`)."""

    @classmethod
    def find_spec(cls, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        # A loader by its methods, as the import system uses it (not an importlib.abc.Loader:
        # importing importlib.abc would cost more than this saves).
        return ModuleSpec(name, cls) if name == LOADER else None  # type: ignore[arg-type]

    @staticmethod
    def create_module(spec: ModuleSpec) -> None:
        return None  # the default module

    @staticmethod
    def exec_module(module: ModuleType) -> None:
        module.get_plugins = _no_plugins  # type: ignore[attr-defined]


def _no_plugins() -> tuple[()]:
    return ()


def skip_plugin_discovery() -> None:
    """Make pydantic find no plugins without looking for any, from its first validator on."""
    if _NoPlugins not in sys.meta_path:
        sys.meta_path.insert(0, _NoPlugins)
