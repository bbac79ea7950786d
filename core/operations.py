"""Migration operations of the project's own."""

from django.db import migrations
from django.db.models import Index


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


class AlterFieldIndex(migrations.AlterField):
    """``AlterField`` of a field whose only change is whether it is indexed (``db_index``):
    the index alone is dropped or built. PostgreSQL's ``AlterField`` does that already;
    SQLite's rebuilds the table (a copy of every row) for any change of a field.

    A change of anything else than the index goes through ``AlterField`` as usual.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        # Backwards is forwards with the states swapped (``AlterField.database_backwards``).
        if schema_editor.connection.vendor != "sqlite":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        from_model = from_state.apps.get_model(app_label, self.model_name)
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        old = from_model._meta.get_field(self.name)
        new = to_model._meta.get_field(self.name)
        if not _differ_in_index_only(old, new):
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        elif old.db_index and not new.db_index:
            names = schema_editor._constraint_names(
                from_model,
                [old.column],
                index=True,
                type_=Index.suffix,
                exclude={index.name for index in from_model._meta.indexes},
            )
            for name in names:
                schema_editor.execute(schema_editor._delete_index_sql(from_model, name))
        elif new.db_index and not old.db_index:
            schema_editor.execute(schema_editor._create_index_sql(to_model, fields=[new]))


def _differ_in_index_only(old, new) -> bool:
    *_, old_kwargs = old.deconstruct()
    *_, new_kwargs = new.deconstruct()
    old_kwargs.pop("db_index", None)
    new_kwargs.pop("db_index", None)
    return (
        old.column == new.column
        and type(old) is type(new)
        and old_kwargs == new_kwargs
        and not old.unique
        and not new.unique
    )
