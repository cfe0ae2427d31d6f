"""The calculation of a case as people read it: the saved results with board names, the read-only
application, and the spreadsheet out and in. The calculator form itself is `cases.guided`."""
