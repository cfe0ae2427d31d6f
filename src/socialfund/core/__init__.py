"""The pure core: money, calculation, repayment, policy, screening and simulation.

Nothing in this package imports Django; it is usable from the CLI, the web app and
tests alike.
"""
