"""The Södertälje demo: the seed's municipality, fund, boards and initiatives (KS 14-87)."""
