"""The admin lists and picks rows through the tenant scope: every registered model admin's (and inline's)
queryset, its foreign-key and many-to-many choices and the choices of its list filters are `scoped()`, so the admin of one organisation shows none of
another's rows even where no policy would stop it (SQLite)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.db.models import Q, QuerySet

from socialfund.organisation.tenancy import scoped


def scope_the_admin(site: admin.AdminSite) -> None:
    RelatedFieldListFilter.field_choices = _scoped_filter_choices  # type: ignore[method-assign]
    for model_admin in site._registry.values():
        # the inlines too: a fund's guideline versions choose their deciding body on the fund's page
        for cls in (type(model_admin), *model_admin.inlines):
            if not getattr(cls, "_tenant_scoped", False):
                _wrap(cls)


def _wrap(cls: type[admin.options.BaseModelAdmin[Any]]) -> None:
    get_queryset = cls.get_queryset
    for_foreign_key = cls.formfield_for_foreignkey
    for_many = cls.formfield_for_manytomany

    def scoped_queryset(self: Any, request: Any) -> QuerySet[Any]:
        return scoped(get_queryset(self, request))

    def scoped_foreign_key(self: Any, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field: Any = for_foreign_key(self, db_field, request, **kwargs)
        if getattr(field, "queryset", None) is not None:
            field.queryset = scoped(field.queryset)
        return field

    def scoped_many(self: Any, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field: Any = for_many(self, db_field, request, **kwargs)
        if getattr(field, "queryset", None) is not None:
            field.queryset = scoped(field.queryset)
        return field

    cls.get_queryset = scoped_queryset  # type: ignore[method-assign]
    cls.formfield_for_foreignkey = scoped_foreign_key  # type: ignore[method-assign]
    cls.formfield_for_manytomany = scoped_many  # type: ignore[method-assign]
    cls._tenant_scoped = True  # type: ignore[attr-defined]


def _scoped_filter_choices(self: RelatedFieldListFilter, field: Any, request: Any, model_admin: Any) -> Any:
    """A list filter by a related row (a fund, a board) offers only the current organisation's rows."""
    ordering = self.field_admin_ordering(field, request, model_admin)
    visible = scoped(field.related_model._default_manager.all()).values("pk")
    return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to=Q(pk__in=visible))
