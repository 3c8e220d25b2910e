"""nomination_received_state enters the model state (as a plain index), so that a
table rebuild on SQLite (0008 rebuilt it) keeps it. On PostgreSQL the covering
index that 0007 made under that name stays as it is."""

from django.db import migrations, models


def plain_index_elsewhere(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS nomination_received_state "
                              "ON awards_nomination (receiving_unit_id, state)")


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0008_quota_state_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(
                model_name='nomination',
                index=models.Index(fields=['receiving_unit', 'state'], name='nomination_received_state'))],
            database_operations=[migrations.RunPython(plain_index_elsewhere, migrations.RunPython.noop)],
        ),
    ]
