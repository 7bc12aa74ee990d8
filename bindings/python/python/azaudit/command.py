"""The ``azaudit`` command, installed with the package (its console script) and run by
``python -m azaudit``: the Rust command line itself, run in this process through the native
module, so its options, output and exit statuses are the ``azaudit`` binary's.
"""

from __future__ import annotations

import signal
import sys
from typing import NoReturn, Optional, Sequence

from ._azaudit import run_command

__all__ = ["main"]


def main(argv: Optional[Sequence[str]] = None) -> NoReturn:
    """Run ``azaudit`` with ``argv`` (default: this process's arguments) and exit with its status."""
    args = list(sys.argv[1:] if argv is None else argv)
    # The native command does not return to Python until it is done: Ctrl-C stops it as it
    # stops the binary, rather than waiting for a KeyboardInterrupt that would come too late.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.exit(run_command(args))
