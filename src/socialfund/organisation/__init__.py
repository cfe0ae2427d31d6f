"""The municipality or region, its decision bodies, boards (nämnder) and offices (kontor)."""
