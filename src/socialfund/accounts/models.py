"""The user: a person in the municipality, with roles as groups."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialfund.accounts.roles import Role


class User(AbstractUser):
    """A user of the system. Holds no data about the people a project helps."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    board = models.ForeignKey(
        "organisation.Board",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("nämnd"),
        help_text=_("Den nämnd en sökande handläggare eller nämndsekreterare arbetar för."),
    )
    office = models.ForeignKey(
        "organisation.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("kontor"),
    )
    oidc_subject = models.CharField(
        _("identitet hos inloggningstjänsten"),
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Identitetsleverantörens subject-claim; inloggning via OIDC matchas bara mot den."),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The user's roles; a superuser has them all."""
        if self.is_superuser:
            return frozenset(Role.values)
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_codes

    @property
    def roles(self) -> list[Role]:
        return [Role(code) for code in Role.values if code in self.role_codes]


class ApiToken(models.Model):
    """A personal token for the REST API. Only the SHA-256 of its secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("användare"))
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(_("kontrollsumma"), max_length=64)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (sf_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TotpDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238): the second factor for local admin and finance accounts."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp", verbose_name=_("användare"))
    secret = models.CharField(_("hemlighet"), max_length=64)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    last_step = models.BigIntegerField(_("senast använda tidssteg"), default=0)

    class Meta:
        verbose_name = _("tvåstegsverifiering")
        verbose_name_plural = _("tvåstegsverifieringar")

    def __str__(self) -> str:
        return str(self.user)
