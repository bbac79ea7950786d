"""Progress bars of the bulk commands: on a terminal only."""

import io

from claims.transfer.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_bar_per_file_on_a_terminal():
    terminal = Terminal()
    progress = Progress(terminal)
    advance = progress.start("claims.jsonl", total=3)
    for _ in range(3):
        advance()
    progress.close()
    assert "claims.jsonl: 100%" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()


def test_nothing_when_not_a_terminal():
    log = io.StringIO()
    progress = Progress(log)
    assert progress.start("claims.jsonl", total=3) is None
    progress.close()
    assert log.getvalue() == ""
