"""``njit`` from numba when it is installed, else a decorator that leaves functions as they
are (the kernel then runs as plain Python; ``AvailsIndex`` uses the numpy path instead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:  # pragma: no cover - which branch runs depends on the environment
    from numba import njit

    COMPILED = True
except ImportError:  # pragma: no cover
    COMPILED = False

    def njit(*args: Any, **kwargs: Any) -> Any:  # type: ignore[no-redef]
        """Without numba: the function itself."""
        if args and callable(args[0]):
            return args[0]

        def keep(function: Callable[..., Any]) -> Callable[..., Any]:
            return function

        return keep


__all__ = ["COMPILED", "njit"]
