"""``python -m kpi_core`` runs the command line, which lives outside the pure package (``cli.py``).

The entry point is the one module of kpi_core allowed to reach out of it: the import contract
(tests/test_imports.py) names it.
"""

import sys

from cli import main

if __name__ == "__main__":
    sys.exit(main())
