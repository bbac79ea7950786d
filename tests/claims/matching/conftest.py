"""Each test starts from an empty index: the process's index outlives the test's rollback."""

import pytest

from claims.matching.store import claim_index


@pytest.fixture(autouse=True)
def fresh_index():
    claim_index.reset()
    yield
    claim_index.reset()
