"""The register of handlings (diarium), the fund's classification structure, retention rules and the culling log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.records.codes import DeliveryStatus, Direction, RecordType, RetentionEvent

USER = settings.AUTH_USER_MODEL


class Classification(models.Model):
    """One heading of the fund's klassificeringsstruktur (KLASSA-style process codes), and what is filed under it."""

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="classifications")
    code = models.CharField(_("klassificeringskod"), max_length=20)
    title = models.CharField(_("benämning"), max_length=200)
    record_types = models.JSONField(
        _("handlingstyper"), default=list, blank=True, help_text=_("Handlingstyper som registreras under rubriken.")
    )

    class Meta:
        verbose_name = _("klassificering")
        verbose_name_plural = _("klassificeringsstruktur")
        ordering = ["fund", "code"]
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="classification_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Handling(models.Model):
    """A registered handling: a document that came in, was drawn up or was sent, on its case.

    Written only by `records.services.handling_register`; one per document (`source_type`, `source_id`).
    """

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="handlings")
    initiative = models.ForeignKey(
        "cases.Initiative", on_delete=models.PROTECT, null=True, blank=True, related_name="handlings"
    )
    case_number = models.CharField(_("ärendets diarienummer"), max_length=60)
    number = models.CharField(
        _("diarienummer"), max_length=80, help_text=_("Ärendets nummer och löpnummer: KS 15-7:3.")
    )
    serial = models.PositiveIntegerField(_("löpnummer i ärendet"))
    registered_on = models.DateField(_("registrerad"))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    record_type = models.CharField(_("handlingstyp"), max_length=30, choices=RecordType.choices)
    counterpart = models.CharField(_("avsändare eller mottagare"), max_length=200, blank=True)
    title = models.CharField(_("rubrik"), max_length=300)
    classification = models.ForeignKey(
        Classification, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("klassificering")
    )
    secrecy_paragraph = models.CharField(
        _("sekretess enligt"), max_length=100, blank=True, help_text=_("T.ex. 31 kap. 16 § OSL.")
    )
    public_title = models.CharField(
        _("offentlig rubrik"),
        max_length=300,
        blank=True,
        help_text=_("Visas i diariet när rubriken omfattas av sekretess."),
    )
    source_type = models.CharField(_("objekttyp"), max_length=60)
    source_id = models.CharField(_("objekt-id"), max_length=40)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now, editable=False)
    external_number = models.CharField(
        _("nummer i kommunens diarium"), max_length=80, blank=True, help_text=_("När diariet förs i ett annat system.")
    )
    culled_on = models.DateField(_("gallrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("registrerad handling")
        verbose_name_plural = _("diarium")
        ordering = ["registered_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="handling_one_per_document"),
            models.UniqueConstraint(fields=["fund", "number"], name="handling_unique_number"),
        ]
        indexes = [models.Index(fields=["fund", "registered_on"], name="handling_fund_date")]

    def __str__(self) -> str:
        return f"{self.number} {self.shown_title}"

    @property
    def is_secret(self) -> bool:
        return bool(self.secrecy_paragraph)

    @property
    def shown_title(self) -> str:
        """What the public register shows: the public title beside a shielded one."""
        return self.public_title if self.is_secret else self.title


class DiariumDelivery(models.Model):
    """A handling on its way to the municipality's own registry; kept until delivered, retried until then."""

    handling = models.OneToOneField(Handling, on_delete=models.PROTECT, related_name="delivery")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("leverans till diariet")
        verbose_name_plural = _("leveranser till diariet")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.handling.number}: {self.get_status_display()}"


class DiariumCase(models.Model):
    """A case as the external registry knows it (its id and its diary number)."""

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(max_length=60)
    adapter = models.CharField(max_length=20)
    external_id = models.CharField(max_length=80)
    external_number = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fund", "case_number", "adapter"], name="diariumcase_unique_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_number} = {self.external_number or self.external_id}"


class RetentionRule(models.Model):
    """The fund's gallringsbeslut for one kind of record: kept for ever, or culled N years after an event."""

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="retention_rules")
    record_type = models.CharField(_("handlingstyp"), max_length=30, choices=RecordType.choices)
    keep_forever = models.BooleanField(_("bevaras"), default=True)
    years = models.PositiveSmallIntegerField(_("gallras efter år"), null=True, blank=True)
    from_event = models.CharField(
        _("räknat från"), max_length=20, choices=RetentionEvent.choices, default=RetentionEvent.CASE_CLOSED
    )
    decision_reference = models.CharField(_("gallringsbeslut"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")
        constraints = [models.UniqueConstraint(fields=["fund", "record_type"], name="retention_one_rule_per_type")]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.description}"

    @property
    def description(self) -> str:
        if self.keep_forever or self.years is None:
            return str(_("bevaras"))
        return str(_("gallras %(years)s år efter %(event)s")) % {
            "years": self.years,
            "event": self.get_from_event_display(),
        }


class CullingLogError(Exception):
    """An attempt to change or remove the culling log."""


class CullingLogQuerySet(models.QuerySet["CullingLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise CullingLogError("Gallringsloggen kan inte ändras.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise CullingLogError("Gallringsloggen kan inte raderas.")


class CullingLogEntry(models.Model):
    """The gallringslogg: what one culling run removed, under which rule. Itself kept; append-only."""

    run = models.UUIDField(_("gallringskörning"))
    ran_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, editable=False)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(_("handlingstyp"), max_length=30, choices=RecordType.choices)
    rule = models.CharField(_("regel"), max_length=300)
    target_type = models.CharField(_("objekttyp"), max_length=60)
    target_id = models.CharField(_("objekt-id"), max_length=40)
    case_number = models.CharField(_("diarienummer"), max_length=80, blank=True)
    removed = models.CharField(
        _("gallrat"), max_length=300, help_text=_("Vad som togs bort (aldrig själva uppgiften).")
    )

    objects = CullingLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("gallringslogg")
        verbose_name_plural = _("gallringslogg")
        ordering = ["ran_at", "pk"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d} {self.removed}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise CullingLogError("Gallringsloggen kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise CullingLogError("Gallringsloggen kan inte raderas.")


class StoredDocumentError(Exception):
    """An attempt to change or remove a filed document."""


class StoredDocumentQuerySet(models.QuerySet["StoredDocument"]):
    def update(self, **kwargs: Any) -> int:
        raise StoredDocumentError("En diarieförd handling kan inte ändras.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise StoredDocumentError("En diarieförd handling kan inte raderas.")


class StoredDocument(models.Model):
    """A document socialfund drew up and filed (the April report): the stored file as it left the system.

    Written only by `records.filing.document_store_and_register`. Immutable: filing the report again makes a
    new version beside it; the earlier versions stay as they were."""

    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="stored_documents")
    record_type = models.CharField(_("handlingstyp"), max_length=30, choices=RecordType.choices)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"))
    case_number = models.CharField(_("diarienummer"), max_length=60)
    title = models.CharField(_("rubrik"), max_length=300)
    file = models.FileField(_("fil"), upload_to="diarium/%Y/", max_length=300)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    size = models.PositiveIntegerField(_("storlek i byte"))
    filed_on = models.DateField(_("fastställd"))
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    filed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StoredDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("diarieförd handling")
        verbose_name_plural = _("diarieförda handlingar")
        ordering = ["fund", "record_type", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "record_type", "year", "version"], name="stored_document_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise StoredDocumentError("En diarieförd handling kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise StoredDocumentError("En diarieförd handling kan inte raderas.")
