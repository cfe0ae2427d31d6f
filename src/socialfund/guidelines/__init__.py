"""The guideline editor: a fund's own staff draft, compare, propose, consult on and adopt new versions of
the fund's guidelines (riktlinjer), over the policy schema, without editing YAML."""
