"""Files a supervisor writes out: the funder report (CSV, PDF) and record exports.

A layer of its own: it renders what storage returns (after ``domain`` has
suppressed or redacted it) with the referral sheets' fonts and text layout.
"""
