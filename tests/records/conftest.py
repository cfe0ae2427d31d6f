"""The case fixtures (demo users, the demo fund under its 2013 guidelines) for the records tests."""

from tests.cases.conftest import draft, fund, users  # noqa: F401
