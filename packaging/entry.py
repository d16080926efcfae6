"""The frozen executable's entry point: the same ``retro`` command as the wheel's script."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
