"""Imports paid for on first use: package names from their modules, and modules a dependency never uses."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) giving each exported name from its submodule, imported once."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # later lookups skip this function
        return value

    return __getattr__


class StandIn(types.ModuleType):
    """Takes a module's place while another module imports it; its attributes import the real one."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            # Still standing in (the import that needed it is running): the real one cannot load yet.
            raise AttributeError(f"module {self.__name__!r} is not imported yet: {name!r}")
        return getattr(import_module(self.__name__), name)


def _forwarding(module: str, name: str) -> Callable[..., Any]:
    """A function that calls `module.name`, importing the module on the first call."""

    def forward(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    forward.__name__ = forward.__qualname__ = name
    return forward


def import_deferring(target: str, deferred: Mapping[str, Iterable[str]]) -> None:
    """Import `target` while the modules of `deferred` are stand-ins, imported when first used.

    `deferred` maps each module to the functions `target` takes from it by name at import
    time (`from module import name`): those become functions importing it on their first call.
    A module already imported is left as it is; the stand-ins leave sys.modules afterwards,
    so a later `import module` anywhere imports the real one.
    """
    if target in sys.modules:
        return
    standing: dict[str, StandIn] = {}
    for module, functions in deferred.items():
        if module not in sys.modules:
            standing[module] = StandIn(module)
            for name in functions:
                setattr(standing[module], name, _forwarding(module, name))
    sys.modules.update(standing)
    try:
        import_module(target)
    finally:
        for module, stand_in in standing.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]
