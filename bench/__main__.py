"""``python -m bench [--small] [--keep]``: the scanner benchmark at full coverage; every file
carries a needle at its end and a missed needle fails the run (see ``bench/scanner_bench.py``).
"""

import sys

from bench.scanner_bench import main

sys.exit(main())
