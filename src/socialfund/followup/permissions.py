"""Who may see and do what in follow-up; the services check, the templates only hide buttons.

A project is seen by whoever sees its case (socialfund.cases.permissions). The lead
board's officials write its reports, indicators and implementation plan; the
preparation group reviews and steers the follow-up; finance records realised savings;
the registrar registers decisions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.permissions import acts_for_board, can_view, heads_office_for_board, visible_initiatives
from socialfund.followup.models import Project


def visible_projects(user: User) -> QuerySet[Project]:
    return Project.objects.filter(initiative__in=visible_initiatives(user))


def can_view_project(user: User, project: Project) -> bool:
    return can_view(user, project.initiative)


def has_role_for(user: User, project: Project, *roles: Role) -> bool:
    """One of the roles, within the project's organisation (a role elsewhere gives nothing here)."""
    return any(user.has_role(role) for role in roles) and can_view_project(user, project)


def works_for_project(user: User, project: Project) -> bool:
    """An official of the project's lead board."""
    return acts_for_board(user, project.initiative)


def heads_office_for_project(user: User, project: Project) -> bool:
    return heads_office_for_board(user, project.initiative)


def steers_followup(user: User, project: Project) -> bool:
    return has_role_for(user, project, Role.PREPARATION_GROUP)


def records_measurements(user: User, project: Project) -> bool:
    return works_for_project(user, project) or steers_followup(user, project)


def records_savings(user: User, project: Project) -> bool:
    return has_role_for(user, project, Role.FINANCE, Role.PREPARATION_GROUP)


def registers_decisions(user: User, project: Project) -> bool:
    return has_role_for(user, project, Role.REGISTRAR)
