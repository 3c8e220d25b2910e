import factory

from emulation import services
from emulation.models import Role, Unit, UnitKind, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    password = factory.django.Password("MatKhau@2026")


class UnitFactory(factory.Factory):
    """Units go through the service so that their tree path is right."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    kind = UnitKind.COMMUNE
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")
    header_name = factory.LazyAttribute(lambda unit: unit.name.upper())
    abbreviation = "UBND"
    place_name = "An Giang"
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return services.unit_create(actor=None, parent=parent, **kwargs)


def person_with_role(role: str, unit: Unit, **kwargs) -> User:
    person = UserFactory(**kwargs)
    services.role_assign(actor=None, user=person, unit=unit, role=role)
    return person


def national_administrator(**kwargs) -> User:
    """A national administrator, working for a national body (itself a top-level unit, as every national body is)."""
    body = UnitFactory(kind=UnitKind.DEPARTMENT, name="Ban Thi đua – Khen thưởng Trung ương", abbreviation="BTĐKT",
                       header_name="BAN THI ĐUA – KHEN THƯỞNG\nTRUNG ƯƠNG", place_name="Hà Nội")
    return person_with_role(Role.NATIONAL_ADMINISTRATOR, body, **kwargs)


__all__ = ["Role", "UnitFactory", "UnitKind", "UserFactory", "national_administrator", "person_with_role"]
