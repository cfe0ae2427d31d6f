"""Small shared kits below every feature app: the refusal tree, the admin mixin, the chart helper.

A kit imports only `socialfund.core` and Django; every app may import a kit (docs/architecture.md).
"""
