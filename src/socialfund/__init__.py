"""socialfund: run a Swedish municipality's social investment fund, from idea to repayment."""

__version__ = "0.1.0"
