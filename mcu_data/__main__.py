"""`python -m mcu_data`: the command line (mcu_data/cli)."""

import sys

from mcu_data.cli import main

if __name__ == "__main__":
    sys.exit(main())
