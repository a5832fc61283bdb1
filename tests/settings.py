"""The test suite's settings: the development ones, as `python3 dev.py test` gives them.

DEBUG is asked for while the settings load (the test runner turns it off again for the
tests themselves); the variable is inherited by the commands some tests start.
"""

import os

os.environ.setdefault("DEBUG", "1")

from timeline.settings import *  # noqa: E402, F403
