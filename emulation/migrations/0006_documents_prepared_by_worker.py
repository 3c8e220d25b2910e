"""Issued documents get their PDF from the worker (state, error, attempts);
unit headers are stored as the lines they print."""

from django.db import migrations, models

HEADER_LEADS = ("ỦY BAN NHÂN DÂN", "BỘ CHỈ HUY QUÂN SỰ", "BAN CHỈ HUY QUÂN SỰ")


def header_as_lines(text: str, split_lead: bool = True) -> str:
    # Frozen copy of emulation.vn.header_text as of this migration.
    lines = [" ".join(line.split()).upper() for line in (text or "").splitlines() if line.strip()]
    if split_lead and len(lines) == 1:
        lead = next((lead for lead in HEADER_LEADS if lines[0].startswith(f"{lead} ")), None)
        if lead:
            lines = [lead, lines[0][len(lead):].strip()]
    return "\n".join(lines)


def headers_to_lines(apps, schema_editor):
    Unit = apps.get_model("emulation", "Unit")
    changed = []
    for unit in Unit.objects.only("pk", "header_name", "parent_header_name").iterator(chunk_size=2000):
        header, parent = header_as_lines(unit.header_name), header_as_lines(unit.parent_header_name, split_lead=False)
        if (header, parent) != (unit.header_name, unit.parent_header_name):
            unit.header_name, unit.parent_header_name = header, parent
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["header_name", "parent_header_name"], batch_size=1000)


def documents_ready(apps, schema_editor):
    apps.get_model("emulation", "OfficialDocument").objects.update(state="ready")


class Migration(migrations.Migration):
    dependencies = [("emulation", "0005_notification_email_failure")]

    operations = [
        migrations.AddField("officialdocument", "state", models.CharField(
            choices=[("pending", "Đang chuẩn bị tệp PDF"), ("ready", "Đã có tệp PDF"),
                     ("failed", "Chưa tạo được tệp PDF")], default="pending", max_length=8, verbose_name="tệp PDF")),
        migrations.RunPython(documents_ready, migrations.RunPython.noop),
        migrations.AddField("officialdocument", "render_error", models.CharField(
            blank=True, max_length=500, verbose_name="lỗi khi tạo tệp")),
        migrations.AddField("officialdocument", "render_attempts", models.PositiveSmallIntegerField(default=0)),
        migrations.AddField("officialdocument", "signed_at", models.DateTimeField(
            blank=True, null=True, verbose_name="ký lúc")),
        migrations.AlterField("officialdocument", "pdf", models.FileField(blank=True, upload_to="van-ban/%Y/")),
        migrations.AlterField("officialdocument", "sha256", models.CharField(blank=True, max_length=64)),
        migrations.AlterField("officialdocument", "page_count", models.PositiveSmallIntegerField(default=0)),
        migrations.AddConstraint("officialdocument", models.CheckConstraint(
            condition=~models.Q(state="ready") | (~models.Q(pdf="") & ~models.Q(sha256="")),
            name="ready_document_has_pdf")),
        migrations.AlterField("unit", "header_name", models.TextField(
            help_text="Chữ in hoa, mỗi dòng in như trên văn bản, ví dụ: ỦY BAN NHÂN DÂN / TỈNH AN GIANG",
            max_length=255, verbose_name="tên in ở tiêu đề văn bản")),
        migrations.AlterField("unit", "parent_header_name", models.TextField(
            blank=True, help_text="Chữ in hoa, mỗi dòng in như trên văn bản; để trống nếu không có cơ quan chủ quản.",
            max_length=255, verbose_name="tên cơ quan chủ quản in ở tiêu đề")),
        migrations.RunPython(headers_to_lines, migrations.RunPython.noop),
    ]
