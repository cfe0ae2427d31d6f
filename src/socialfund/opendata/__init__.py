"""Open data out: the fund's public datasets for harvesting (docs/outcomes.md).

    INDIGO 4.x   the fund, its projects, outcome metrics, results, grants paid and repayments
    360Giving    the grants, one record per granted project
    DCAT-AP-SE   the catalogue of these datasets, harvested by dataportal.se

Only what is public anyway: decisions, amounts, payments between the fund and the
municipality's boards, and aggregate outcomes. Never an applicant who is a person, a
contact, an internal note, an assessment or a refused case.
"""
