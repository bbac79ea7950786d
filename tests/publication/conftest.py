"""Fixtures of the public site's tests: the desk's people and fact-checks they publish."""

import pytest

from tests.support.desk import Desk
from tests.support.factories import role_user


@pytest.fixture
def desk(db) -> Desk:
    """A contributor, a fact-checker and two editors, who take claims through the workflow."""
    return Desk(
        contributor=role_user("Contributor", username="contributor"),
        checker=role_user("Fact-checker", username="checker"),
        editor=role_user("Editor", username="editor-one"),
        other_editor=role_user("Editor", username="editor-two"),
    )
