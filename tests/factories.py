"""factory-boy factories and small builders shared by the tests."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from cinebridge.catalog.models import Title
from cinebridge.catalog.services import title_create
from cinebridge.catalog.specs import title_spec_from_raw
from cinebridge.organisations.models import Membership, Organisation

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = "studio"
    country = "RU"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "sales"


def member_of(organisation: Organisation, role: str = "sales", **user_fields: Any) -> Any:
    """A new user with ``role`` in ``organisation``."""
    fields = {f"user__{name}": value for name, value in user_fields.items()}
    return MembershipFactory(organisation=organisation, role=role, **fields).user


def make_title(owner: Organisation, actor: Any = None, **raw: Any) -> Title:
    """A title built through the real service from loosely typed fields."""
    fields: dict[str, Any] = {
        "kind": "feature",
        "original_title": "Untitled",
        "original_language": "ru",
        "status": "published",
    }
    fields.update(raw)
    return title_create(actor=actor, owner=owner, spec=title_spec_from_raw(fields))
