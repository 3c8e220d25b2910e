from django.db import migrations


def load(apps, schema_editor):
    from awards.catalogue import catalogue_rows

    AwardType = apps.get_model("awards", "AwardType")
    for row in catalogue_rows():
        AwardType.objects.update_or_create(name=row["name"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_award_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
