from django.db import migrations, models

# Most advanced first: the dossier kept when a collective was nominated twice.
STATE_RANK = ["awarded", "approved", "recommended", "under_review", "submitted", "returned", "draft"]
CLOSED = ("rejected", "not_approved")
HOLDS_A_PLACE = ("recommended", "approved", "awarded")
REASON = "Hồ sơ trùng: tập thể đã có hồ sơ số %s cho cùng hình thức khen thưởng theo kế hoạch này (đóng khi nâng cấp)."


def close_duplicate_dossiers(apps, schema_editor):
    """Double clicks made some collectives' dossiers twice. Keep the most advanced
    one of each; close the others as not recommended, with the reason in their
    history. Two that both hold a quota place need a person to decide."""
    Nomination = apps.get_model("awards", "Nomination")
    AuditEntry = apps.get_model("emulation", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    groups: dict[tuple, list] = {}
    live = Nomination.objects.filter(kind="collective").exclude(state__in=CLOSED).order_by("pk")
    for nomination in live.only("pk", "plan_id", "award_type_id", "nominee_unit_id", "state"):
        groups.setdefault((nomination.plan_id, nomination.award_type_id, nomination.nominee_unit_id),
                          []).append(nomination)
    duplicates = [sorted(group, key=lambda n: (STATE_RANK.index(n.state), n.pk)) for group in groups.values()
                  if len(group) > 1]
    both_placed = [[n.pk for n in group] for group in duplicates
                   if sum(n.state in HOLDS_A_PLACE for n in group) > 1]
    if both_placed:
        raise RuntimeError(
            "Cannot add the one-live-dossier-per-collective rule: these dossiers (ids) of the same collective, "
            f"award and plan each hold a quota place: {both_placed}. Decide which one stands (reject the others "
            "in the review queue), then migrate again.")
    if not duplicates:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="awards", model="nomination")
    for kept, *others in duplicates:
        for other in others:
            Nomination.objects.filter(pk=other.pk).update(state="rejected", decision_reason=REASON % kept.pk)
            AuditEntry.objects.create(content_type=content_type, object_id=other.pk, actor=None,
                                      action="nomination.reject", from_state=other.state, to_state="rejected",
                                      reason=REASON % kept.pk, changes={})


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0003_nominations"),
        ("emulation", "0003_documents_and_signing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(close_duplicate_dossiers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="nomination",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "collective"),
                                   models.Q(("state__in", ("rejected", "not_approved")), _negated=True)),
                fields=("plan", "award_type", "nominee_unit"), name="one_live_nomination_per_collective_award",
                violation_error_message="Tập thể này đã có hồ sơ đề nghị hình thức khen thưởng này theo kế hoạch."),
        ),
    ]
