"""The reference article as test data: its claims by their labelled keys (C1…C6)."""

import io
import json

from django.core.management import call_command

from claims.models import Claim
from devtools.reference import default_article_path, expected_path
from tests.support.api import found


def reference_claims() -> dict[str, Claim]:
    """Load the reference article; its claims by their labelled keys (C1…C6)."""
    call_command("load_reference_article", stdout=io.StringIO())
    labels = json.loads(expected_path(default_article_path()).read_text(encoding="utf-8"))
    return {spec["key"]: Claim.objects.get(text=spec["text"]) for spec in labels["claims"]}


def keys(response, claims: dict[str, Claim]) -> set[str]:
    by_id = {claim.pk: key for key, claim in claims.items()}
    return {by_id.get(pk, f"other:{pk}") for pk in found(response)}
