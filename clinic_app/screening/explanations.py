"""Plain-language explanations of every reason code, for the volunteer.

Texts are stored as msgids (marked with ``N_``) and translated when asked
for, so a language switch takes effect at once and a referral sheet can ask
for the client's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from clinic_app.i18n import N_, _, translation
from clinic_app.screening import codes as c


@dataclass(frozen=True)
class Explanation:
    sentence: str
    next_step: str | None
    documents: tuple[str, ...]


_ID_DOCS: Final = N_("Passport, consular ID or birth certificate")
_CRIMINAL_RECORDS: Final = N_("Court records for every arrest, charge or conviction")
_COURT_PAPERS: Final = N_(
    "Every paper from immigration court or ICE (Notice to Appear, hearing notices)"
)
_DACA_NOTICE: Final = N_("The last DACA approval notice and work permit")
_TPS_PROOF: Final = N_("Proof of nationality and of the date you entered the US")
_RESIDENCE_PROOF: Final = N_(
    "Proof of living in the US over the years (school, medical, bank, lease, pay records)"
)
_TPS_NOTICE: Final = N_("The TPS approval notice and work permit")

# code: (sentence, next step or None, documents)
_TEXTS: Final[dict[str, tuple[str, str | None, tuple[str, ...]]]] = {
    c.DACA_RENEWAL: (
        N_("The client has or recently had DACA and can ask to renew it."),
        N_("Refer to an attorney or accredited representative to prepare the renewal."),
        (_DACA_NOTICE, _ID_DOCS),
    ),
    c.DACA_RENEWAL_WINDOW_OPEN: (
        N_("DACA ends within 150 days or has already ended: the renewal should be filed now."),
        N_("Book a renewal appointment as soon as possible."),
        (_DACA_NOTICE,),
    ),
    c.DACA_CRIMINAL_BAR: (
        N_("The client's criminal record may bar DACA."),
        N_("An attorney must review the record before anything is filed."),
        (_CRIMINAL_RECORDS,),
    ),
    c.DACA_EXPIRED_OVER_ONE_YEAR: (
        N_("DACA ended a year or more ago, so a new request counts as a first-time request."),
        None,
        (_DACA_NOTICE,),
    ),
    c.DACA_TOO_OLD_2012: (
        N_("DACA requires being under 31 on 15 June 2012; the client was 31 or older."),
        None,
        (),
    ),
    c.DACA_ARRIVED_16_OR_OLDER: (
        N_("DACA requires coming to the US before the 16th birthday."),
        None,
        (),
    ),
    c.DACA_RESIDENCE_AFTER_2007: (
        N_(
            "DACA requires living in the US since 15 June 2007; only brief, casual and "
            "innocent trips abroad do not break that residence."
        ),
        None,
        (),
    ),
    c.DACA_NOT_PRESENT_2012: (
        N_("DACA requires having been in the US on 15 June 2012."),
        None,
        (),
    ),
    c.DACA_LAWFUL_STATUS_2012: (
        N_("DACA requires having had no lawful immigration status on 15 June 2012."),
        None,
        (),
    ),
    c.DACA_EDUCATION: (
        N_(
            "DACA requires being in school, a high-school diploma or GED, or an honorable "
            "discharge from the US armed forces."
        ),
        N_("Enrolling in school or a GED program may change this; ask an attorney."),
        (),
    ),
    c.DACA_INITIAL_NOT_GRANTED: (
        N_(
            "The client may meet the DACA guidelines, but USCIS is not granting first-time "
            "requests at present (see the rules date)."
        ),
        N_("An attorney will advise whether to file now or wait."),
        (_ID_DOCS, _RESIDENCE_PROOF, N_("School records, diploma, GED or discharge papers")),
    ),
    c.DACA_INITIAL: (
        N_("The client may meet the guidelines for a first-time DACA request."),
        N_("Refer to an attorney to prepare the request."),
        (_ID_DOCS, _RESIDENCE_PROOF, N_("School records, diploma, GED or discharge papers")),
    ),
    c.TPS_COUNTRY_NOT_DESIGNATED: (
        N_("The client's country is not designated for TPS in the current rules."),
        None,
        (),
    ),
    c.TPS_DESIGNATION_TERMINATED: (
        N_("TPS for the client's country has been terminated."),
        N_("An attorney should check what other protection the client may have."),
        (_TPS_NOTICE,),
    ),
    c.TPS_LITIGATION: (
        N_("Court cases about this termination are still going on; the situation may change."),
        N_("An attorney should check the latest court orders."),
        (),
    ),
    c.TPS_CRIMINAL_BAR: (
        N_("A felony or two or more misdemeanors may bar TPS."),
        N_("An attorney must review the record before anything is filed."),
        (_CRIMINAL_RECORDS,),
    ),
    c.TPS_REREGISTRATION: (
        N_(
            "The client has TPS and can re-register to keep it, but only while the "
            "country's designation is in force."
        ),
        N_("Check that the designation is in force and when its re-registration period runs."),
        (_TPS_NOTICE, _ID_DOCS),
    ),
    c.TPS_REREGISTRATION_WINDOW_OPEN: (
        N_("The re-registration period is open now."),
        N_("File the re-registration before the period ends."),
        (_TPS_NOTICE,),
    ),
    c.TPS_ARRIVED_AFTER_DATES: (
        N_("TPS requires living in the US since the dates set for the client's country."),
        None,
        (),
    ),
    c.TPS_INITIAL: (
        N_("The client may qualify for TPS as a first-time applicant."),
        N_("Refer to an attorney to prepare the application."),
        (_TPS_PROOF, _RESIDENCE_PROOF),
    ),
    c.TPS_LATE_INITIAL_FILING: (
        N_(
            "The first-time registration period has ended; a late application is possible "
            "only in some situations."
        ),
        N_("An attorney will check whether the client can file late."),
        (_TPS_PROOF, _RESIDENCE_PROOF, _COURT_PAPERS),
    ),
    c.TPS_REGISTRATION_NOT_OPEN: (
        N_("The registration period for the client's country has not started yet."),
        N_("Note the start date and book a follow-up."),
        (_TPS_PROOF,),
    ),
    c.TPS_DESIGNATION_DATE_PASSED: (
        N_(
            "The designation end date in the rules has passed with no decision recorded; TPS "
            "law extends a designation by six months when no timely decision is published."
        ),
        N_("Verify the country's current TPS status on uscis.gov/tps."),
        (),
    ),
    c.ASYLUM_FEAR_OF_RETURN: (
        N_("The client fears harm if returned, so asylum or related protection may be possible."),
        N_("Refer to an attorney for an asylum consultation."),
        (_ID_DOCS, N_("Anything that shows the harm or threats")),
    ),
    c.ASYLUM_FILED: (
        N_("The client has already applied for asylum."),
        None,
        (N_("The asylum application receipt and any interview notices"),),
    ),
    c.ASYLUM_NO_FEAR_OF_RETURN: (N_("The client does not fear harm if returned."), None, ()),
    c.SIJS_AGE_21_OR_OVER: (
        N_("Special Immigrant Juvenile Status is only for people under 21."),
        None,
        (),
    ),
    c.SIJS_PARENT_ABUSE_NEGLECT_ABANDONMENT: (
        N_(
            "A young person harmed, neglected or abandoned by a parent may qualify for Special "
            "Immigrant Juvenile Status."
        ),
        N_("Refer quickly: a state court must make findings before the 21st birthday."),
        (_ID_DOCS, N_("Any family-court papers")),
    ),
    c.SIJS_NO_PARENT_ABUSE_NEGLECT_ABANDONMENT: (
        N_("The client was not harmed, neglected or abandoned by a parent."),
        None,
        (),
    ),
    c.U_VISA_CRIME_VICTIM: (
        N_("A victim of certain crimes in the US who helps the police may qualify for a U visa."),
        N_("Refer to an attorney; police or court reports help."),
        (N_("Police reports, court papers or protective orders"),),
    ),
    c.U_VISA_NOT_CRIME_VICTIM: (N_("The client was not a victim of a qualifying crime."), None, ()),
    c.T_VISA_TRAFFICKING_VICTIM: (
        N_("A victim of human trafficking may qualify for a T visa."),
        N_("Refer to an attorney; make sure the client is safe."),
        (),
    ),
    c.T_VISA_NOT_TRAFFICKING_VICTIM: (
        N_("The client was not a victim of human trafficking."),
        None,
        (),
    ),
    c.VAWA_FAMILY_ABUSE: (
        N_(
            "Someone abused by a US-citizen or permanent-resident spouse or parent, or by a "
            "US-citizen son or daughter aged 21 or over, may petition on their own (VAWA)."
        ),
        N_("Refer to an attorney; make sure the client is safe."),
        (N_("Proof of the relative's status and of the relationship"),),
    ),
    c.VAWA_NO_FAMILY_ABUSE: (
        N_(
            "The client was not abused by a US-citizen or permanent-resident spouse or parent, "
            "or by a US-citizen son or daughter aged 21 or over."
        ),
        None,
        (),
    ),
    c.NATURALIZATION_NOT_LPR: (N_("The client is not a permanent resident."), None, ()),
    c.NATURALIZATION_ELIGIBLE: (
        N_("The client has been a permanent resident long enough to apply for citizenship."),
        N_("Refer for a citizenship application review."),
        (N_("Green card"), _CRIMINAL_RECORDS),
    ),
    c.NATURALIZATION_EARLY_FILING: (
        N_("The client can apply for citizenship up to 90 days before the eligibility date."),
        N_("Book the application for a date inside the early-filing window."),
        (N_("Green card"),),
    ),
    c.NATURALIZATION_NOT_YET_ELIGIBLE: (
        N_(
            "The client has not yet been a permanent resident long enough to apply for citizenship."
        ),
        None,
        (),
    ),
    c.FAMILY_USC_LPR_RELATIVE: (
        N_(
            "A US-citizen spouse, parent, or son, daughter, brother or sister aged 21 or over, "
            "or a permanent-resident spouse or parent, may be able to petition for the client."
        ),
        N_("Refer to an attorney to review the family petition options."),
        (N_("Proof of the relative's status and of the relationship"),),
    ),
    c.FAMILY_NO_USC_LPR_RELATIVE: (
        N_(
            "The client has no relative who could petition: a US-citizen spouse, parent, adult "
            "son, daughter, brother or sister, or a permanent-resident spouse or parent."
        ),
        None,
        (),
    ),
    c.DETAINED: (
        N_("The client or a family member is in immigration detention: this is an emergency."),
        N_("Call the supervising attorney now."),
        (N_("The person's full name, date of birth, A-number if known, and where they are held"),),
    ),
    c.FINAL_ORDER: (
        N_("There is a final order of removal; the client can be deported at any time."),
        N_("Refer to an attorney today."),
        (_COURT_PAPERS,),
    ),
    c.HEARING_WITHIN_30_DAYS: (
        N_("The client has an immigration-court hearing within 30 days."),
        N_("Refer to an attorney today; the client must go to the hearing."),
        (_COURT_PAPERS,),
    ),
    c.HEARING_DATE_PASSED: (
        N_("The hearing date has passed; a missed hearing can lead to a removal order."),
        N_("Check the case status (EOIR 1-800-898-7180) and refer to an attorney today."),
        (_COURT_PAPERS,),
    ),
    c.ASYLUM_DEADLINE_WITHIN_60_DAYS: (
        N_("The one-year asylum deadline is within 60 days."),
        N_("Refer to an attorney today."),
        (N_("Proof of the date of the last entry to the US"),),
    ),
    c.HEARING_WITHIN_90_DAYS: (
        N_("The client has an immigration-court hearing within 90 days."),
        N_("Refer to an attorney soon."),
        (_COURT_PAPERS,),
    ),
    c.ASYLUM_DEADLINE_OPEN: (
        N_("The one-year asylum deadline has not passed yet."),
        N_("Refer for an asylum consultation before the deadline."),
        (N_("Proof of the date of the last entry to the US"),),
    ),
    c.ASYLUM_DEADLINE_PASSED: (
        N_(
            "More than a year has passed since the last entry; exceptions to the deadline "
            "are narrow."
        ),
        N_("An attorney will check for exceptions and other protection."),
        (),
    ),
    c.PROCEEDINGS_NO_HEARING_DATE: (
        N_("The client is in removal proceedings but has no hearing date."),
        N_("Check the case status (EOIR 1-800-898-7180) and refer to an attorney."),
        (_COURT_PAPERS,),
    ),
    c.DACA_EDUCATION_ENROLL: (
        N_(
            "The client is not in school and has no diploma, GED or honorable discharge; "
            "enrolling in school or an education program can meet this DACA guideline."
        ),
        N_("An attorney decides which programs count; the client can look for a school now."),
        (N_("Proof of enrollment in school or an education program"),),
    ),
    c.TPS_DEPARTURE_AFTER_PRESENCE_DATE: (
        N_(
            "The client's last arrival is after the country's presence date; a trip abroad "
            "may break TPS presence unless it was brief, casual and innocent."
        ),
        N_("An attorney decides whether the trip matters."),
        (N_("Dates of every trip abroad and any travel permit (advance parole)"),),
    ),
    c.NATURALIZATION_RECORD_REVIEW: (
        N_(
            "The client has a conviction; applying for citizenship can put a permanent "
            "resident with some convictions in removal proceedings."
        ),
        N_("Do not file anything before an attorney reviews the record."),
        (_CRIMINAL_RECORDS,),
    ),
    c.REENTRY_AFTER_REMOVAL: (
        N_(
            "The client was deported or removed before and came back: the old order can be "
            "reinstated, and returning can be a crime."
        ),
        N_("Call the supervising attorney today; file nothing before an attorney reviews it."),
        (_COURT_PAPERS,),
    ),
    c.APPEAL_DEADLINE: (
        N_(
            "An immigration judge decided the case; an appeal must reach the Board of "
            "Immigration Appeals within 30 days of the decision."
        ),
        N_("Call the supervising attorney today: the appeal deadline cannot be extended."),
        (N_("The immigration judge's decision"), _COURT_PAPERS),
    ),
    c.ASYLUM_EXCEPTION_ENDING: (
        N_(
            "The client's TPS or parole ended; asylum may still be filed within a reasonable "
            "period after that, which may run out within 60 days."
        ),
        N_("Refer to an attorney today: file as soon as possible."),
        (N_("Proof of the TPS or parole and of the date it ended"),),
    ),
    c.SIJS_AGE_OUT_WITHIN_180_DAYS: (
        N_(
            "The client turns 21 within 180 days; the state-court order for Special Immigrant "
            "Juvenile Status must come before then."
        ),
        N_("Refer to an attorney today."),
        (_ID_DOCS, N_("Any family-court papers")),
    ),
    c.ASYLUM_EXCEPTION_STATUS_ENDED: (
        N_(
            "The one-year asylum deadline has passed, but the client held TPS or parole; "
            "asylum may be filed within a reasonable period after it ended."
        ),
        N_("Refer for an asylum consultation this week: file as soon as possible."),
        (N_("Proof of the TPS or parole and of the date it ended"),),
    ),
    c.ASYLUM_EXCEPTION_STATUS_HELD: (
        N_(
            "The one-year asylum deadline has passed, but the client still holds TPS or "
            "parole, which can excuse the delay while it lasts."
        ),
        N_("Refer for an asylum consultation: file well before the status ends."),
        (N_("Proof of the current TPS or parole"),),
    ),
    c.SIJS_AGE_OUT_OPEN: (
        N_(
            "The client is under 21; the state-court order for Special Immigrant Juvenile "
            "Status must come before the 21st birthday."
        ),
        N_("Refer to an attorney this week."),
        (_ID_DOCS, N_("Any family-court papers")),
    ),
    c.LPR_CRIMINAL_HISTORY: (
        N_(
            "The client is a permanent resident with a conviction, which can make a resident "
            "deportable."
        ),
        N_("An attorney must review the record before the client files anything or travels."),
        (_CRIMINAL_RECORDS,),
    ),
}


def explain(code: str, language: str | None = None) -> Explanation:
    """The explanation of ``code`` in the UI language, or in ``language``.

    Raises KeyError for a code the engine does not know.
    """
    sentence, step, documents = _TEXTS[code]
    gettext = _ if language is None else translation(language).gettext
    return Explanation(
        sentence=gettext(sentence),
        next_step=gettext(step) if step is not None else None,
        documents=tuple(gettext(d) for d in documents),
    )


def explained_codes() -> frozenset[str]:
    return frozenset(_TEXTS)
