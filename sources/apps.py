from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and actors"

    def ready(self):
        from core import changes

        # The change feed's collections: the API's names (sources/api/urls.py).
        changes.register("sources.Actor", "actors")
        changes.register("sources.Alias", "actors", parent="actor")
        changes.register("sources.Source", "sources")
        changes.register("sources.Snapshot", "snapshots")
