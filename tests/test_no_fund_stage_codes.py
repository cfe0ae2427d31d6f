"""No fund's stage codes in the code: stages, their names and who acts at them come from the policies.

Every string literal in `src/socialfund` (Python and templates, outside `data/policies/`) is held
against the stage codes the shipped policies use. A few of those codes are also ordinary words the
code uses for something else (a related name, an attachment kind, a rule id); those places are listed
below with what the string means there, by file, so that a new use of a stage code anywhere fails.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from socialfund.core.policy import load_policy
from socialfund.core.policy.registry import shipped_policy_ids

SRC = Path(__file__).resolve().parents[1] / "src" / "socialfund"

# (file relative to src/socialfund, string): what the string is there, when it is not a stage.
NOT_A_STAGE: dict[tuple[str, str], str] = {
    ("records/codes.py", "idea"): "RecordType.IDEA, a registered document's type",
    ("records/codes.py", "application"): "RecordType.APPLICATION, a registered document's type",
    ("records/codes.py", "decision"): "RecordType.DECISION, a registered document's type",
    ("records/erms.py", "decision"): "the related name of Decision.initiative",
    ("records/retention.py", "decision"): "the related name of Decision.initiative",
    ("records/document_kinds.py", "decision"): "AttachmentKind.DECISION and the related name of Decision.initiative",
    ("cases/codes.py", "application"): "AttachmentKind.APPLICATION, a stored attachment kind",
    ("cases/codes.py", "decision"): "AttachmentKind.DECISION, a stored attachment kind",
    ("cases/models.py", "opinions"): "the related name of Opinion.initiative",
    ("cases/models.py", "decision"): "the related name of Decision.initiative and a constraint field",
    ("actors/urls.py", "idea"): "the URL name of the public idea form",
    ("templates/base.html", "idea"): "the URL name of the public idea form",
    ("cases/guided/steps.py", "needs_analysis"): "a rule id of the guided step's help",
    ("cases/guided/forms.py", "needs_analysis"): "the initiative file's needs analysis field",
    ("core/screening/checks/__init__.py", "needs_analysis"): "the rule id of the needs analysis check",
    ("core/policy/vocabulary.py", "needs_analysis"): "a rule id and its title",
    ("api/routers.py", "decision"): "the API's field for a fund's or case's decision",
    ("reports/memo.py", "decision"): "the case's decision (related name)",
    ("ledger/views/booking.py", "decision"): "a form field: the decision to book",
    ("ledger/forms.py", "decision"): "a form field: the decision to book",
    ("cases/changes.py", "needs_analysis"): "the initiative file's needs analysis field, labelled in the log",
    ("cases/repayment_exceptions.py", "decision"): "the audit event's data: the decision's id",
    ("cases/urls.py", "application"): "the URL name of the read-only application view",
    ("core/application.py", "needs_analysis"): "the initiative file's needs analysis field, typed",
    ("funds/guidelines.py", "decision"): "a placeholder in a sentence naming the adopting decision",
    ("api/routers_guidelines.py", "decision"): "the API's field for a guideline version's adopting decision",
    ("organisation/tenancy.py", "decision"): "the foreign key from an amount or an exception to its Decision",
    ("records/cullers.py", "decision"): "the related name of Decision.initiative",
    ("guidelines/parts.py", "opinions"): "the schema's key of a gate's required opinions (Gate.opinions)",
}
# The Södertälje demo's cases are that fund's own records (data, loaded like any fund's cases).
DATA_FILES = {"demo/sodertalje.py"}


def stage_codes() -> set[str]:
    return {stage.code for policy_id in shipped_policy_ids() for stage in load_policy(policy_id).stages}


def literals(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return {
            node.value
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    return set(re.findall(r"""["']([a-z_]+)["']""", text))


def test_no_stage_code_of_any_fund_is_written_in_the_code():
    codes = stage_codes()
    assert {"idea_test", "amount_decision", "director_approval", "interest"} <= codes
    found = []
    for path in sorted([*SRC.rglob("*.py"), *SRC.rglob("*.html")]):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith("data/policies/") or relative in DATA_FILES or "/migrations/" in relative:
            continue
        for literal in sorted(literals(path) & codes):
            if (relative, literal) not in NOT_A_STAGE:
                found.append(f"{relative}: {literal!r}")
    assert found == []


def test_the_scan_finds_a_stage_code(tmp_path):
    # The check can fail: a module that names a stage is caught.
    module = tmp_path / "queue.py"
    module.write_text('QUEUE = ("interest", "idea")\n', encoding="utf-8")
    assert literals(module) & stage_codes() == {"interest", "idea"}
