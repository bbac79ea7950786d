"""Migration operations of the project's own."""

from django.db import migrations


class AddIndexConcurrently(migrations.AddIndex):
    """``AddIndex`` that builds the index without blocking writes to the table on PostgreSQL
    (``CREATE INDEX CONCURRENTLY``, so its migration sets ``atomic = False``), and as
    ``AddIndex`` does elsewhere. Indexes added to the big tables (claims, statements,
    citations) use it: at a million claims a plain build holds off every write for seconds.

    A build interrupted on PostgreSQL leaves an invalid index of that name behind; drop it
    (``DROP INDEX CONCURRENTLY``) before migrating again.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index, **_concurrently(schema_editor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index, **_concurrently(schema_editor))


def _concurrently(schema_editor) -> dict:
    return {"concurrently": True} if schema_editor.connection.vendor == "postgresql" else {}
