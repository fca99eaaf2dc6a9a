"""``python -m doculens`` is the ``doculens`` command."""

import sys

from .runner import main

sys.exit(main())
