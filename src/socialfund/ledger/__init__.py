"""The fund's ledger: double-entry books of capital, grants, payouts, repayment duties and waivers."""
