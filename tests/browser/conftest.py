"""The browser every browser test drives (one per test module)."""

import pytest

from tests.support.browser import launched_browser


@pytest.fixture(scope="module")
def browser():
    yield from launched_browser()
