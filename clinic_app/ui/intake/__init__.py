"""The intake wizard: from greeting to saved record (issue 5).

Imported lazily, when the volunteer starts an intake, so start-up does not pay
for it. Screening answers live only in :class:`~clinic_app.ui.intake.session.IntakeSession`
in memory; drafts and the saved record never carry them.
"""
