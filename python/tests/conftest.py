"""The package under test is the build's (PYTHONPATH=<build>/python, set by CTest)."""
import os

import pytest

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "cli", "examples")


@pytest.fixture
def examples():
    return EXAMPLES
