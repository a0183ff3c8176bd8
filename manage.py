#!/usr/bin/env python
"""Django's command-line utility; ``cinebridge`` is the friendlier entry point."""

import sys

from cinebridge.cli import main

if __name__ == "__main__":
    sys.exit(main(["manage", *sys.argv[1:]]))
