"""``core.rows.new_instance`` makes the instance ``model(**values)`` makes, without
``Model.__init__`` where that would do nothing more."""

import pytest
from django.apps import apps
from django.db.models import signals
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.models import Claim
from core import rows
from core.models import ExternallyIdentified
from core.rows import new_instance

MODELS = sorted(apps.get_models(), key=lambda model: model._meta.label)


def settable(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if not field.generated]


def state(instance, given: dict) -> dict:
    """What an instance holds: its attributes and its state; a default drawn for it (a uuid,
    a time) by its type, and a uuid by whether it was drawn (two instances draw two)."""
    held = dict(vars(instance))
    for field in type(instance)._meta.concrete_fields:
        if field.attname not in given and callable(field.default):
            held[field.attname] = type(held[field.attname])
    model_state = held.pop("_state")
    drawn = getattr(instance, "_drawn_uuid", None)
    if isinstance(instance, ExternallyIdentified) and drawn is not None:
        assert drawn == instance.uuid
        held.pop("_drawn_uuid")
        held["a uuid was drawn"] = True
    held.pop("_drawn_uuid", None)  # None, or the class attribute's None
    return {**held, "state": (model_state.adding, model_state.db, model_state.fields_cache)}


@st.composite
def models_with_values(draw):
    model = draw(st.sampled_from(MODELS))
    names = draw(st.lists(st.sampled_from(settable(model)), unique=True))
    values = st.none() | st.text(max_size=5) | st.integers()
    return model, {name: draw(values) for name in names}


@settings(max_examples=300, deadline=None)
@given(models_with_values())
def test_a_new_instance_holds_what_init_gives_it(drawn):
    model, values = drawn
    assert state(new_instance(model, **values), values) == state(model(**values), values)


def test_a_default_drawn_per_instance_is_drawn_for_each():
    first, second = new_instance(Claim), new_instance(Claim)
    assert first.uuid != second.uuid
    assert first._drawn_uuid == first.uuid
    given_uuid = new_instance(Claim, uuid=first.uuid)
    assert given_uuid.uuid == first.uuid
    assert given_uuid._drawn_uuid is None


def test_a_model_listened_to_is_made_by_init():
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance)

    rows._made_without_init.cache_clear()
    signals.post_init.connect(listen, sender=Claim)
    try:
        made = new_instance(Claim, text="The bridge was closed.")
    finally:
        signals.post_init.disconnect(listen, sender=Claim)
        rows._made_without_init.cache_clear()
    assert heard == [made]


@pytest.mark.parametrize(
    ("name", "refusal"),
    [("topics", TypeError), ("no_such_field", TypeError), ("withdrawn_by", ValueError)],
)
def test_what_is_not_a_concrete_fields_attribute_goes_through_init(name, refusal):
    with pytest.raises(refusal):
        new_instance(Claim, **{name: object()})
