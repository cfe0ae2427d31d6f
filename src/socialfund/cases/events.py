"""What the case services announce to the apps above them, so that cases never imports them.

A grant starts the project's follow-up; the follow-up app (above cases) listens, in its AppConfig.ready.
The signal is sent inside the service's transaction, so the listener's rows commit or roll back with the
decision (a refused project start refuses the decision too).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by cases.services.decision_register for a grant that starts the project now
# (keyword arguments: initiative, user, decision).
decision_granted = Signal()

# Sent by cases.services.initiative_submit before an application goes in (keyword argument: initiative).
# Each receiver answers with the names of the parties that have still to sign (a list, empty when none):
# the co-applicants' app (socialfund.actors) answers for invited boards and organisations.
submission_waits_for = Signal()

# Sent by cases.inbox.inbox_for (keyword arguments: user, today). Each receiver answers with a list of
# cases.inbox.InboxItem, the due work of its own app for that user (empty when none): the ledger answers
# for finance, the follow-up for the registrar and the applicant boards.
inbox_wanted = Signal()
