from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development and test tools: demo data, synthetic records, benchmarks.

    Installed by the development and test settings only; nothing in the product imports it.
    """

    name = "devtools"
    verbose_name = "Development tools"
