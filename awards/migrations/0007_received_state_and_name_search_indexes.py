"""The review queue's two indexes that the model state cannot describe on every
database: (receiving unit, state) covering the columns of the conflict-of-interest
test, so that each state tab's count is an index-only scan (PostgreSQL; a plain
index elsewhere), and the trigram index that the name search's
UPPER(person_name) LIKE '%…%' uses (PostgreSQL's pg_trgm, a trusted extension
that the database's owner may create)."""

from django.db import migrations, models

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS nomination_received_state ON awards_nomination (receiving_unit_id, state) "
    "INCLUDE (nominating_unit_id, nominee_unit_id, person_unit_id)",
    "CREATE INDEX IF NOT EXISTS nomination_person_name_trgm ON awards_nomination "
    "USING gin (UPPER(person_name::text) gin_trgm_ops)",
]
ELSEWHERE = ["CREATE INDEX IF NOT EXISTS nomination_received_state ON awards_nomination (receiving_unit_id, state)"]
DROP = ["DROP INDEX IF EXISTS nomination_person_name_trgm", "DROP INDEX IF EXISTS nomination_received_state"]


def create(apps, schema_editor):
    for statement in POSTGRESQL if schema_editor.connection.vendor == "postgresql" else ELSEWHERE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0006_nomination_list_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='nomination', name='awards_nomi_receivi_e58d72_idx'),
        migrations.RunPython(create, drop),
    ]
