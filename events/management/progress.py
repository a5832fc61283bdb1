"""A progress bar for commands that work through many files or records."""

import sys

from tqdm import tqdm


def progress_bar(total: int, desc: str, unit: str) -> tqdm:
    """A bar on standard error, shown only on a terminal and for more than one item: the
    lines a command writes to standard output stay clean for scripts."""
    return tqdm(
        total=total, desc=desc, unit=unit, file=sys.stderr, disable=None if total > 1 else True
    )


def write_above(command, line: str) -> None:
    """Write ``line`` to the command's output without breaking the bar."""
    with tqdm.external_write_mode(file=sys.stdout):
        command.stdout.write(line)
