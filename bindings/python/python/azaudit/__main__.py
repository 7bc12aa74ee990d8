"""``python -m azaudit``: the ``azaudit`` command."""

from .command import main

main()
