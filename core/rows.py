"""Model instances from rows read by hand, as the ORM would make them.

A page that reads its rows by compiled SQL (``claims.detail_reads``) still hands model
instances to what represents them. Django's ``Model.__init__`` does work for each field, and a
related manager and its filtered queryset cost more than reading the relation: a claim's detail
makes some thirty instances and seven prefetched relations a request. ``instance_from_row``
fills an instance's attributes where ``__init__`` would do nothing more (checked per model),
as ``new_instance`` does for a new row (a bulk import makes one per row of its file),
and ``prefetched`` leaves a relation's rows in the queryset its manager would make, made
without the manager.
"""

import functools
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.manager import BaseManager
from django.db.models.query_utils import DeferredAttribute

from core.models import ExternallyIdentified


@functools.cache
def concrete_attnames(model) -> tuple[str, ...]:
    """The attribute names of ``model``'s concrete fields, in the order rows hold them."""
    return tuple(field.attname for field in model._meta.concrete_fields)


# The attributes of concrete fields that only store their value in the instance's dict (a
# file field's, say, does more).
_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@functools.cache
def _made_without_init(model) -> bool:
    """Whether an instance of ``model`` can be made by filling its dict: nothing listens to
    its construction, its ``__init__`` does nothing more (``Model``'s, or
    ``ExternallyIdentified``'s: its class attribute stands for what it sets for a row read or
    given its uuid, and ``new_instance`` sets a drawn one), and every field's attribute just
    stores the value."""
    own_inits = {base for base in model.__mro__ if "__init__" in vars(base)} - {object}
    return (
        own_inits <= {Model, ExternallyIdentified}
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
        and all(
            type(model.__dict__.get(field.attname)) in _PLAIN_ATTRIBUTES
            for field in model._meta.concrete_fields
        )
    )


def instance_from_row(model, values: tuple):
    """``model.from_db()`` of a row of all its fields (``concrete_attnames(model)``, in
    order), without ``Model.__init__``'s work for each field where it would do nothing more
    (``_made_without_init``)."""
    if not _made_without_init(model):
        return model.from_db(DEFAULT_DB_ALIAS, concrete_attnames(model), values)
    instance = model.__new__(model)
    instance.__dict__.update(zip(concrete_attnames(model), values, strict=True))
    state = instance._state = ModelState()
    state.adding = False
    state.db = DEFAULT_DB_ALIAS
    return instance


@dataclass(frozen=True)
class _Defaults:
    """What ``__init__`` gives ``model``'s concrete fields (all but generated ones, named by
    ``attnames``): the defaults that are the same value for every instance (a constant, ""
    or None), by attribute name, and the fields whose default is drawn anew for each (a
    callable's, the database's)."""

    attnames: frozenset[str]
    constant: dict
    drawn: tuple


@functools.cache
def _defaults(model) -> _Defaults:
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    constant, drawn = {}, []
    for field in fields:
        if field.has_db_default() or (field.has_default() and callable(field.default)):
            drawn.append(field)
        else:
            constant[field.attname] = field.get_default()
    return _Defaults(frozenset(field.attname for field in fields), constant, tuple(drawn))


def new_instance(model, /, **values):
    """``model(**values)``, ``values`` by the attribute names of concrete fields, without
    ``Model.__init__``'s work for each field where it would do nothing more
    (``_made_without_init``): a bulk import makes an instance of each of a million rows."""
    defaults = _defaults(model)
    if not _made_without_init(model) or not values.keys() <= defaults.attnames:
        return model(**values)
    instance = model.__new__(model)
    attributes = instance.__dict__
    attributes.update(defaults.constant)
    for field in defaults.drawn:
        if field.attname not in values:
            attributes[field.attname] = field.get_default()
    attributes.update(values)
    instance._state = ModelState()
    if issubclass(model, ExternallyIdentified) and "uuid" not in values:
        instance._drawn_uuid = instance.uuid
    return instance


@dataclass(frozen=True)
class _Relation:
    """How the manager of a many-valued relation filters its queryset for an instance
    (``_apply_rel_filters``), read once from one manager: ``for_instance`` then makes the
    queryset a manager would, without making the manager."""

    queryset_class: type
    model: type
    # The filter's names, each with the instance's attribute it takes; None for the
    # instance itself (a reverse foreign key's filter).
    filters: tuple[tuple[str, str | None], ...]
    # A reverse foreign key: the key, and the attribute of the instance its rows point at.
    known: tuple | None
    sticky: bool  # many-to-many: a further filter on the relation joins it once

    @classmethod
    def of(cls, instance, name: str) -> "_Relation | None":
        """The relation ``name`` of ``instance``'s model; None where its manager is not the
        plain related manager of its model's default manager, which ``for_instance`` would
        not make as it does."""
        manager = getattr(instance, name)
        default = manager.model._default_manager
        if type(default).get_queryset is not BaseManager.get_queryset or manager._db:
            return None
        if getattr(manager, "through", None) is not None:  # many-to-many
            sides = manager.source_field.related_fields
            if len(sides) != len(manager.core_filters):
                return None
            filters = tuple(
                (key, right.attname)
                for key, (_left, right) in zip(manager.core_filters, sides, strict=True)
            )
            return cls(default._queryset_class, manager.model, filters, None, sticky=True)
        field = manager.field
        if manager.core_filters != {field.name: instance} or len(field.foreign_related_fields) > 1:
            return None
        target = field.target_field.attname
        return cls(
            default._queryset_class, manager.model, ((field.name, None),), (field, target), False
        )

    def for_instance(self, instance):
        queryset = self.queryset_class(model=self.model, hints={"instance": instance})
        queryset._fetch_mode = instance._state.fetch_mode
        filters = {
            key: instance if attname is None else getattr(instance, attname)
            for key, attname in self.filters
        }
        # Applied when something asks for the query (a further filter, say), as a related
        # manager defers its filter.
        queryset._deferred_filter = (False, (), filters)
        queryset._query.filter_is_sticky = self.sticky
        if self.known is not None:
            field, target = self.known
            queryset._known_related_objects = {field: {getattr(instance, target): instance}}
        return queryset


_RELATIONS_READ: dict[tuple[type, str], _Relation | None] = {}


def prefetched(instance, name: str, objects: list) -> None:
    """``instance.<name>.all()`` is ``objects`` without a query, as ``prefetch_related``
    leaves it: the manager's queryset (``_Relation``), holding them."""
    key = (type(instance), name)
    if key not in _RELATIONS_READ:
        _RELATIONS_READ[key] = _Relation.of(instance, name)
    relation = _RELATIONS_READ[key]
    if relation is None:
        queryset = getattr(instance, name).get_queryset()
    else:
        queryset = relation.for_instance(instance)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
