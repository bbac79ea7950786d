"""Progress bars on a terminal's standard error for the long runs of the bulk commands."""

import shutil
import sys

from tqdm import tqdm


class Progress:
    """One bar per file while it is read or written; nothing when stderr is not a terminal."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._bar = None

    def start(self, label: str, total: int | None = None):
        """A callable that advances the bar by one; call ``close()`` when the file is done."""
        self.close()
        if not self.enabled:
            return None
        # A terminal that reports no size (some pseudo-terminals) is taken as 80 by 24: tqdm
        # would draw nothing in no columns and no lines.
        size = shutil.get_terminal_size()
        self._bar = tqdm(
            total=total,
            desc=label,
            unit=" rows",
            file=self.stream,
            leave=True,
            ncols=size.columns,
            nrows=size.lines,
        )
        bar = self._bar
        return lambda: bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
