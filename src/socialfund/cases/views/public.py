"""The outside actor's door: register an idea without logging in, and learn that a board must carry it.

The idea gets a registry number, a receipt by mail and a private status link: socialfund.actors."""

from __future__ import annotations

from socialfund.actors.views_ideas import idea_form_view as external_idea_view

__all__ = ["external_idea_view"]
