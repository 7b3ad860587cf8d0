"""Handing memory the command has freed back to the system between the steps of a load, and
keeping out of memory what it never uses."""
from __future__ import annotations

import ctypes
import gc
import sys


def give_back_freed_memory() -> None:
    """Return the heap a finished step freed to the system, so the next step's peak starts lower.

    Python and pyarrow keep freed memory for reuse; after a batch's extraction ~45 MB of it is
    free but still counted against the command (measured at 100,000 releases)."""
    gc.collect()
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class WithoutPandas:
    """An import hook that reports pandas as not installed.

    pyarrow imports pandas on its first array only to ask whether the input is a pandas object;
    this project never passes one (nor asks DuckDB for a DataFrame).
    """

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is not loaded by motie's command line and its extraction workers")
        return None


def keep_pandas_out() -> None:
    """Make pandas unimportable in this process (unless something has imported it already): ~40 MB
    that the command, and each extraction worker, would otherwise hold for its whole life."""
    if "pandas" not in sys.modules and not any(isinstance(hook, WithoutPandas) for hook in sys.meta_path):
        sys.meta_path.insert(0, WithoutPandas())
