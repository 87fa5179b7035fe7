"""Display words for codes (programs, outcomes, urgency, case status), and urgency colours.

Urgency is always shown in words and in colour, never colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from clinic_app.i18n import N_, _

PROGRAM_NAMES: Mapping[str, str] = {
    "daca": N_("DACA"),
    "tps": N_("Temporary Protected Status (TPS)"),
    "asylum": N_("Asylum"),
    "sijs": N_("Special Immigrant Juvenile Status (SIJS)"),
    "u_visa": N_("U visa (crime victims)"),
    "t_visa": N_("T visa (trafficking victims)"),
    "vawa": N_("VAWA (abuse by a family member)"),
    "naturalization": N_("Naturalization"),
    "family": N_("Family-based petition"),
}
OUTCOME_NAMES: Mapping[str, str] = {
    "likely": N_("Likely"),
    "possible": N_("Possible"),
    "unlikely": N_("Unlikely"),
    "needs_info": N_("Needs more information"),
    "not_applicable": N_("Not applicable"),
}
URGENCY_NAMES: Mapping[str, str] = {
    "emergency": N_("Emergency"),
    "urgent": N_("Urgent"),
    "priority": N_("Priority"),
    "routine": N_("Routine"),
}
# Background, text: dark text on light fills keeps contrast above 4.5:1.
URGENCY_COLOURS: Mapping[str, tuple[str, str]] = {
    "emergency": ("#f8d0d0", "#7a0000"),
    "urgent": ("#fde0c0", "#6b3500"),
    "priority": ("#fff2b3", "#5a4a00"),
    "routine": ("#dcefdc", "#1e4d1e"),
}
CASE_STATUS_NAMES: Mapping[str, str] = {
    "new": N_("New"),
    "open": N_("New"),
    "referred": N_("Referred"),
    "in_progress": N_("In progress"),
    "closed": N_("Closed"),
}
REFERRAL_NEED_NAMES: Mapping[str, str] = {
    **PROGRAM_NAMES,
    "removal_defense": N_("Removal defense (deportation case)"),
    "detention": N_("Detention"),
    "other": N_("Other"),
}
EDUCATION_NAMES: Mapping[str, str] = {
    "in_school": N_("In school now"),
    "high_school_diploma": N_("High school diploma"),
    "ged": N_("GED"),
    "honorable_discharge": N_("Honorable discharge from the military"),
    "none": N_("None of these"),
}
STATUS_CHOICE_NAMES: Mapping[str, str] = {
    "never": N_("Never had it"),
    "current": N_("Has it now"),
    "expired": N_("Had it, expired"),
}
DEADLINE_NAMES: Mapping[str, str] = {
    "hearing": N_("Court hearing"),
    "asylum_one_year": N_("One-year asylum deadline"),
    "daca_expiration": N_("DACA expires"),
    "tps_registration_end": N_("TPS registration ends"),
    "tps_reregistration_end": N_("TPS re-registration ends"),
    "bia_appeal": N_("Appeal to the Board of Immigration Appeals due"),
    "sijs_age_out": N_("Turns 21 (SIJS court order needed before)"),
    "asylum_reasonable_period": N_("Asylum after TPS or parole ended: outer guide"),
}
CONTACT_NAMES: Mapping[str, str] = {
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "none": N_("Do not contact"),
}


def word(table: Mapping[str, str], code: str | None) -> str:
    """The translated word for ``code``; the code itself if the table lacks it."""
    if code is None:
        return ""
    return _(table[code]) if code in table else code


def urgency_colours(code: str) -> tuple[str, str]:
    """(text, background) for an urgency level."""
    background, text = URGENCY_COLOURS.get(code, ("#eeeeee", "#000000"))
    return text, background
