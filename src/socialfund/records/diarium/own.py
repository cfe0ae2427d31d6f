"""socialfund's own register, for a municipality without a case-management system: the default.

The register is `records.Handling` itself, so there is nothing to deliver; this adapter answers the
interface from it (its ids are our numbers).
"""

from __future__ import annotations

from socialfund.records.diarium.base import CaseRequest, DocumentRequest, Registered


class OwnRegister:
    name = "own"

    def create_case(self, case: CaseRequest) -> Registered:
        return Registered(external_id=case.case_number, number=case.case_number)

    def register_document(self, case_id: str, document: DocumentRequest) -> Registered:
        from socialfund.records.models import Handling

        latest = Handling.objects.filter(case_number=case_id, title=document.title[:300]).order_by("-pk").first()
        number = latest.number if latest else case_id
        return Registered(external_id=number, number=number)

    def case_number(self, case_id: str) -> str:
        return case_id
