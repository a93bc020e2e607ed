"""The frozen app's entry point (PyInstaller runs this file, not the console script)."""

import multiprocessing
import sys

from writer_app.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
