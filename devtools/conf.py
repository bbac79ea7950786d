"""What the development tools read from the settings, and their defaults.

The product's settings (``config/settings/base.py``) know nothing of them; a setting of the
same name in the environment's settings module overrides each default.
"""

from pathlib import Path

from django.conf import settings

# The reference article and its hand-labelled description ship with the tools.
ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


def reference_dir() -> Path:
    """Where the reference article and its ``.expected.json`` lie (``REFERENCE_DIR``)."""
    return Path(getattr(settings, "REFERENCE_DIR", ARTICLES_DIR))


def demo_credentials_file() -> Path:
    """Where ``demo_users`` keeps the generated passwords (``DEMO_CREDENTIALS_FILE``)."""
    default = Path(settings.BASE_DIR) / ".demo-credentials"
    return Path(getattr(settings, "DEMO_CREDENTIALS_FILE", default))
