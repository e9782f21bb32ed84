"""``python -m bench [--small]``: the scanner benchmark (see ``bench/scanner_bench.py``)."""

import sys

from bench.scanner_bench import main

sys.exit(main())
