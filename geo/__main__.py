"""`python -m geo ...` -> geo.cli."""
import sys

from .cli import main

sys.exit(main())
