"""Stable reason codes, outcomes, urgencies and program names.

The UI, the referral sheet, stored results and checks from outside the code
rely on these strings: add codes as needed, never rename one.
"""

from __future__ import annotations

from typing import Final, Literal

from clinic_app.domain.record import PROGRAMS as _DOMAIN_PROGRAMS

Outcome = Literal["likely", "possible", "unlikely", "needs_info", "not_applicable"]
Urgency = Literal["emergency", "urgent", "priority", "routine"]

LIKELY: Final = "likely"
POSSIBLE: Final = "possible"
UNLIKELY: Final = "unlikely"
NEEDS_INFO: Final = "needs_info"
NOT_APPLICABLE: Final = "not_applicable"
OUTCOMES: Final[tuple[Outcome, ...]] = (LIKELY, POSSIBLE, UNLIKELY, NEEDS_INFO, NOT_APPLICABLE)

EMERGENCY: Final = "emergency"
URGENT: Final = "urgent"
PRIORITY: Final = "priority"
ROUTINE: Final = "routine"
# Highest level first.
URGENCIES: Final[tuple[Urgency, ...]] = (EMERGENCY, URGENT, PRIORITY, ROUTINE)

# Every program, in the order of the result's "programs" object: one list, kept
# with the stored record's shape in the domain layer (which screening builds on).
PROGRAMS: Final[tuple[str, ...]] = _DOMAIN_PROGRAMS

# Deadline kinds, in the order they appear in a result.
DEADLINE_KINDS: Final[tuple[str, ...]] = (
    "hearing",
    "asylum_one_year",
    "daca_expiration",
    "tps_registration_end",
    "tps_reregistration_end",
    "bia_appeal",
    "sijs_age_out",
    "asylum_reasonable_period",
)

# DACA, in the order the contract writes its rules.
DACA_RENEWAL: Final = "daca_renewal"
DACA_RENEWAL_WINDOW_OPEN: Final = "daca_renewal_window_open"
DACA_CRIMINAL_BAR: Final = "daca_criminal_bar"
DACA_EXPIRED_OVER_ONE_YEAR: Final = "daca_expired_over_one_year"
DACA_TOO_OLD_2012: Final = "daca_too_old_2012"
DACA_ARRIVED_16_OR_OLDER: Final = "daca_arrived_16_or_older"
DACA_RESIDENCE_AFTER_2007: Final = "daca_residence_after_2007"
DACA_NOT_PRESENT_2012: Final = "daca_not_present_2012"
DACA_LAWFUL_STATUS_2012: Final = "daca_lawful_status_2012"
DACA_EDUCATION: Final = "daca_education"
DACA_INITIAL_NOT_GRANTED: Final = "daca_initial_not_granted"
DACA_INITIAL: Final = "daca_initial"
# v2: education "none" no longer fails; enrolling in school meets the guideline.
DACA_EDUCATION_ENROLL: Final = "daca_education_enroll"
DACA_CODES: Final = (
    DACA_RENEWAL,
    DACA_RENEWAL_WINDOW_OPEN,
    DACA_CRIMINAL_BAR,
    DACA_EXPIRED_OVER_ONE_YEAR,
    DACA_TOO_OLD_2012,
    DACA_ARRIVED_16_OR_OLDER,
    DACA_RESIDENCE_AFTER_2007,
    DACA_NOT_PRESENT_2012,
    DACA_LAWFUL_STATUS_2012,
    DACA_EDUCATION,
    DACA_INITIAL_NOT_GRANTED,
    DACA_INITIAL,
    DACA_EDUCATION_ENROLL,
)

# TPS.
TPS_COUNTRY_NOT_DESIGNATED: Final = "tps_country_not_designated"
TPS_DESIGNATION_TERMINATED: Final = "tps_designation_terminated"
TPS_LITIGATION: Final = "tps_litigation"
TPS_CRIMINAL_BAR: Final = "tps_criminal_bar"
TPS_REREGISTRATION: Final = "tps_reregistration"
TPS_REREGISTRATION_WINDOW_OPEN: Final = "tps_reregistration_window_open"
TPS_ARRIVED_AFTER_DATES: Final = "tps_arrived_after_dates"
TPS_DEPARTURE_AFTER_PRESENCE_DATE: Final = "tps_departure_after_presence_date"
TPS_INITIAL: Final = "tps_initial"  # added: a likely new applicant
TPS_LATE_INITIAL_FILING: Final = "tps_late_initial_filing"
TPS_REGISTRATION_NOT_OPEN: Final = "tps_registration_not_open"
TPS_DESIGNATION_DATE_PASSED: Final = "tps_designation_date_passed"
TPS_CODES: Final = (
    TPS_COUNTRY_NOT_DESIGNATED,
    TPS_DESIGNATION_TERMINATED,
    TPS_LITIGATION,
    TPS_CRIMINAL_BAR,
    TPS_REREGISTRATION,
    TPS_REREGISTRATION_WINDOW_OPEN,
    TPS_ARRIVED_AFTER_DATES,
    TPS_DEPARTURE_AFTER_PRESENCE_DATE,
    TPS_INITIAL,
    TPS_LATE_INITIAL_FILING,
    TPS_REGISTRATION_NOT_OPEN,
    TPS_DESIGNATION_DATE_PASSED,
)

# Other relief. The contract names only asylum_filed and
# naturalization_early_filing; the others are added so that every outcome
# except needs_info carries a reason the volunteer can read.
ASYLUM_FEAR_OF_RETURN: Final = "asylum_fear_of_return"
ASYLUM_FILED: Final = "asylum_filed"
ASYLUM_NO_FEAR_OF_RETURN: Final = "asylum_no_fear_of_return"
SIJS_AGE_21_OR_OVER: Final = "sijs_age_21_or_over"
SIJS_PARENT_ABUSE_NEGLECT_ABANDONMENT: Final = "sijs_parent_abuse_neglect_abandonment"
SIJS_NO_PARENT_ABUSE_NEGLECT_ABANDONMENT: Final = "sijs_no_parent_abuse_neglect_abandonment"
U_VISA_CRIME_VICTIM: Final = "u_visa_crime_victim"
U_VISA_NOT_CRIME_VICTIM: Final = "u_visa_not_crime_victim"
T_VISA_TRAFFICKING_VICTIM: Final = "t_visa_trafficking_victim"
T_VISA_NOT_TRAFFICKING_VICTIM: Final = "t_visa_not_trafficking_victim"
VAWA_FAMILY_ABUSE: Final = "vawa_family_abuse"
VAWA_NO_FAMILY_ABUSE: Final = "vawa_no_family_abuse"
NATURALIZATION_NOT_LPR: Final = "naturalization_not_lpr"
NATURALIZATION_ELIGIBLE: Final = "naturalization_eligible"
NATURALIZATION_EARLY_FILING: Final = "naturalization_early_filing"
NATURALIZATION_NOT_YET_ELIGIBLE: Final = "naturalization_not_yet_eligible"
NATURALIZATION_RECORD_REVIEW: Final = "naturalization_record_review"
FAMILY_USC_LPR_RELATIVE: Final = "family_usc_lpr_relative"
FAMILY_NO_USC_LPR_RELATIVE: Final = "family_no_usc_lpr_relative"
RELIEF_CODES: Final = (
    ASYLUM_FEAR_OF_RETURN,
    ASYLUM_FILED,
    ASYLUM_NO_FEAR_OF_RETURN,
    SIJS_AGE_21_OR_OVER,
    SIJS_PARENT_ABUSE_NEGLECT_ABANDONMENT,
    SIJS_NO_PARENT_ABUSE_NEGLECT_ABANDONMENT,
    U_VISA_CRIME_VICTIM,
    U_VISA_NOT_CRIME_VICTIM,
    T_VISA_TRAFFICKING_VICTIM,
    T_VISA_NOT_TRAFFICKING_VICTIM,
    VAWA_FAMILY_ABUSE,
    VAWA_NO_FAMILY_ABUSE,
    NATURALIZATION_NOT_LPR,
    NATURALIZATION_ELIGIBLE,
    NATURALIZATION_EARLY_FILING,
    NATURALIZATION_NOT_YET_ELIGIBLE,
    NATURALIZATION_RECORD_REVIEW,
    FAMILY_USC_LPR_RELATIVE,
    FAMILY_NO_USC_LPR_RELATIVE,
)

# Urgency reasons, in the order the contract lists them (version 2).
DETAINED: Final = "detained"
FINAL_ORDER: Final = "final_order"
REENTRY_AFTER_REMOVAL: Final = "reentry_after_removal"
APPEAL_DEADLINE: Final = "appeal_deadline"
HEARING_WITHIN_30_DAYS: Final = "hearing_within_30_days"
HEARING_DATE_PASSED: Final = "hearing_date_passed"
ASYLUM_DEADLINE_WITHIN_60_DAYS: Final = "asylum_deadline_within_60_days"
ASYLUM_EXCEPTION_ENDING: Final = "asylum_exception_ending"
SIJS_AGE_OUT_WITHIN_180_DAYS: Final = "sijs_age_out_within_180_days"
HEARING_WITHIN_90_DAYS: Final = "hearing_within_90_days"
ASYLUM_DEADLINE_OPEN: Final = "asylum_deadline_open"
ASYLUM_DEADLINE_PASSED: Final = "asylum_deadline_passed"
ASYLUM_EXCEPTION_STATUS_ENDED: Final = "asylum_exception_status_ended"
ASYLUM_EXCEPTION_STATUS_HELD: Final = "asylum_exception_status_held"
SIJS_AGE_OUT_OPEN: Final = "sijs_age_out_open"
PROCEEDINGS_NO_HEARING_DATE: Final = "proceedings_no_hearing_date"
LPR_CRIMINAL_HISTORY: Final = "lpr_criminal_history"
URGENCY_REASONS: Final = (
    DETAINED,
    FINAL_ORDER,
    REENTRY_AFTER_REMOVAL,
    APPEAL_DEADLINE,
    HEARING_WITHIN_30_DAYS,
    HEARING_DATE_PASSED,
    ASYLUM_DEADLINE_WITHIN_60_DAYS,
    ASYLUM_EXCEPTION_ENDING,
    SIJS_AGE_OUT_WITHIN_180_DAYS,
    HEARING_WITHIN_90_DAYS,
    ASYLUM_DEADLINE_OPEN,
    ASYLUM_DEADLINE_PASSED,
    ASYLUM_EXCEPTION_STATUS_ENDED,
    ASYLUM_EXCEPTION_STATUS_HELD,
    SIJS_AGE_OUT_OPEN,
    DACA_RENEWAL_WINDOW_OPEN,
    TPS_REREGISTRATION_WINDOW_OPEN,
    PROCEEDINGS_NO_HEARING_DATE,
    LPR_CRIMINAL_HISTORY,
)
URGENCY_LEVEL: Final[dict[str, Urgency]] = {
    DETAINED: EMERGENCY,
    FINAL_ORDER: URGENT,
    REENTRY_AFTER_REMOVAL: URGENT,
    APPEAL_DEADLINE: URGENT,
    HEARING_WITHIN_30_DAYS: URGENT,
    HEARING_DATE_PASSED: URGENT,
    ASYLUM_DEADLINE_WITHIN_60_DAYS: URGENT,
    ASYLUM_EXCEPTION_ENDING: URGENT,
    SIJS_AGE_OUT_WITHIN_180_DAYS: URGENT,
    HEARING_WITHIN_90_DAYS: PRIORITY,
    ASYLUM_DEADLINE_OPEN: PRIORITY,
    ASYLUM_DEADLINE_PASSED: PRIORITY,
    ASYLUM_EXCEPTION_STATUS_ENDED: PRIORITY,
    ASYLUM_EXCEPTION_STATUS_HELD: PRIORITY,
    SIJS_AGE_OUT_OPEN: PRIORITY,
    DACA_RENEWAL_WINDOW_OPEN: PRIORITY,
    TPS_REREGISTRATION_WINDOW_OPEN: PRIORITY,
    PROCEEDINGS_NO_HEARING_DATE: PRIORITY,
    LPR_CRIMINAL_HISTORY: PRIORITY,
}

# Every code a result can carry (daca_renewal_window_open and
# tps_reregistration_window_open appear in both a program's reasons and the
# urgency reasons; each is listed once).
REASON_CODES: Final[tuple[str, ...]] = tuple(
    dict.fromkeys((*DACA_CODES, *TPS_CODES, *RELIEF_CODES, *URGENCY_REASONS))
)
