"""State changes: each model with a state declares its moves once, and every
change of state goes through that declaration, so the stored state, the
rule and the history line cannot disagree."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from emulation.models import User
from emulation.services import audit_record


@dataclass(frozen=True)
class StateMachine:
    """``moves`` maps each state to the states it may go to; a state missing
    from the map is final. ``labels`` is the model's state enum (its labels
    name the states in refusals)."""

    labels: type[models.TextChoices]
    moves: dict[str, frozenset[str]]
    field: str = "state"

    def allows(self, current: str, target: str) -> bool:
        return target in self.moves.get(current, frozenset())

    def move(
        self, instance: models.Model, target: str, *, actor: User | None, action: str, reason: str = "",
        changes: dict | None = None, update_fields: tuple[str, ...] = (),
    ) -> str:
        """Set the new state, save it with ``update_fields`` and write the
        history line with the real from/to states. Returns the old state."""
        current = getattr(instance, self.field)
        if not self.allows(current, target):
            raise ValidationError(_("Không chuyển được từ trạng thái “%(current)s” sang “%(target)s”.") % {
                "current": self.labels(current).label, "target": self.labels(target).label})
        setattr(instance, self.field, target)
        fields = {self.field, *update_fields}
        if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
            fields.add("updated_at")
        instance.save(update_fields=sorted(fields))
        audit_record(actor=actor, target=instance, action=action, from_state=current, to_state=target,
                     reason=reason, changes={key: str(value) for key, value in (changes or {}).items()})
        return current
