"""``python tools/gd ARGS`` (what the ./gd shim runs): the package's commands."""
import os
import sys

if __package__ in (None, ""):
    # Run as a folder: import the package from tools/, not its modules as top-level names.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path.insert(0, os.path.dirname(here))

from gd.commands import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
