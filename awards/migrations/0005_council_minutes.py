"""The council's minutes: place, chair, secretary, their signing and the register number."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_one_live_nomination_per_collective"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField("councilmeeting", "place", models.CharField(
            blank=True, max_length=255, verbose_name="địa điểm")),
        migrations.AddField("councilmeeting", "chair", models.ForeignKey(
            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
            to=settings.AUTH_USER_MODEL, verbose_name="chủ trì")),
        migrations.AddField("councilmeeting", "secretary", models.ForeignKey(
            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
            to=settings.AUTH_USER_MODEL, verbose_name="thư ký")),
        migrations.AddField("councilmeeting", "secretary_signed_at", models.DateTimeField(
            blank=True, null=True, verbose_name="thư ký ký lúc")),
        migrations.AddField("councilmeeting", "chair_signed_at", models.DateTimeField(
            blank=True, null=True, verbose_name="chủ trì ký lúc")),
        migrations.AddField("councilmeeting", "number", models.PositiveIntegerField(
            blank=True, editable=False, null=True)),
        migrations.AddField("councilmeeting", "symbol", models.CharField(
            blank=True, editable=False, max_length=40)),
    ]
