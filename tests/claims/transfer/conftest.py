import pytest

from tests.support.record import make_record


@pytest.fixture
def record(db):
    """The reference article and objects of every kind around it (``make_record``)."""
    return make_record()
