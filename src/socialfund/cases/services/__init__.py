"""One service per state change of a case.

Each service checks the user's role and the case's state, runs in a transaction,
writes an audit event (who, when, what, from → to) and mails the next actor after
commit. A refused step raises a CaseError with a message in the user's language and
changes nothing; the audit texts and the e-mails stay Swedish.

One module per kind of state change: drafting, submission, preparation, decisions, exits, and the
notes (comments, the registry number); what they share is in common. Import the services from here.
"""

from __future__ import annotations

from socialfund.cases.services.common import (
    _ABSENT,
    SIGNOFF_NAMES,
    SIGNOFF_REFUSAL_NAMES,
    _advance,
    _check_title_length,
    _locked,
    _move,
    _require,
    _require_state,
    _rule_title,
    _valid_content,
)
from socialfund.cases.services.decisions import (
    _validate_decision,
    decision_register,
    opinion_register,
    opinions_complete,
)
from socialfund.cases.services.drafting import idea_register_external, initiative_create, initiative_update_draft
from socialfund.cases.services.exits import (
    initiative_advise_against,
    initiative_hold,
    initiative_refuse,
    initiative_resume,
    initiative_withdraw,
)
from socialfund.cases.services.notes import comment_add, registry_number_set
from socialfund.cases.services.preparation import (
    assessment_record,
    director_approve,
    initiative_sponsor,
    preparation_complete,
    signoff_record,
)
from socialfund.cases.services.submission import (
    _applicant_stage,
    initiative_submit,
)

__all__ = [
    "_ABSENT",
    "_advance",
    "_applicant_stage",
    "_check_title_length",
    "_locked",
    "_move",
    "_require",
    "_require_state",
    "_rule_title",
    "_valid_content",
    "_validate_decision",
    "assessment_record",
    "comment_add",
    "decision_register",
    "director_approve",
    "idea_register_external",
    "initiative_advise_against",
    "initiative_create",
    "initiative_hold",
    "initiative_refuse",
    "initiative_resume",
    "initiative_sponsor",
    "initiative_submit",
    "initiative_update_draft",
    "initiative_withdraw",
    "opinion_register",
    "opinions_complete",
    "preparation_complete",
    "registry_number_set",
    "SIGNOFF_NAMES",
    "signoff_record",
    "SIGNOFF_REFUSAL_NAMES",
]
