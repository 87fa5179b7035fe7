"""Fictional sample sheets, one per language, for previews and rendering tests.

These are demo data written in each language, not interface strings: the
names are invented, the phone number is a 555 number, and the layout adds only
the translated label colon. Real sheets are built from records elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clinic_app.i18n.locales import format_date
from clinic_app.referrals.sheet import Bullets, Ltr, Notice, Paragraph, Row, Rows, Section, Sheet

PHONE = "(212) 555-0147"
PROVIDER = "Hudson Legal Aid Clinic"
SAMPLE_DATE = date(2026, 11, 27)


@dataclass(frozen=True)
class Sample:
    title: str
    heading: str
    name_label: str
    name: str
    date_label: str
    phone_label: str
    referred_label: str
    sentence: str
    bullets: tuple[str, str]
    notice_title: str
    notice_body: str


SAMPLES: dict[str, Sample] = {
    "en": Sample(
        "Referral sheet",
        "Client",
        "Name",
        "Chen Mei-ling 陳美玲",
        "Appointment",
        "Phone",
        "Referred to",
        "Please bring this sheet and any letters you received to your appointment.",
        ("Free and confidential legal help.", "Interpreters are available at no cost."),
        "Your information is confidential",
        "We share it only with your written consent.",
    ),
    "es": Sample(
        "Hoja de remisión",
        "Cliente",
        "Nombre",
        "María José Núñez",
        "Cita",
        "Teléfono",
        "Remitido a",
        "Por favor, traiga esta hoja y las cartas que haya recibido a su cita.",
        ("Ayuda legal gratuita y confidencial.", "Hay intérpretes disponibles sin costo."),
        "Su información es confidencial",
        "Solo la compartimos con su consentimiento por escrito.",
    ),
    "zh_Hant": Sample(
        "轉介單",
        "客戶",
        "姓名",
        "陳美玲",
        "預約日期",
        "電話",
        "轉介至",
        "請於預約時攜帶本表及您收到的所有信件。",
        ("免費且保密的法律協助。", "免費提供口譯服務。"),
        "您的資料受到保密",
        "只有在您書面同意後，我們才會分享您的資料。",
    ),
    "ru": Sample(
        "Направление",
        "Клиент",
        "Имя",
        "Анна Сергеевна Иванова",
        "Дата приёма",
        "Телефон",
        "Направлен в",
        "Пожалуйста, возьмите с собой на приём этот лист и все полученные письма.",
        (
            "Бесплатная и конфиденциальная юридическая помощь.",
            "Услуги переводчика предоставляются бесплатно.",
        ),
        "Ваши данные конфиденциальны",
        "Мы передаём их только с вашего письменного согласия.",
    ),
    "bn": Sample(
        "রেফারেল পত্র",
        "ক্লায়েন্ট",
        "নাম",
        "রহিম উদ্দিন",
        "সাক্ষাতের তারিখ",
        "ফোন",
        "যেখানে পাঠানো হয়েছে",
        "অনুগ্রহ করে সাক্ষাতের দিন এই পত্র এবং আপনি যে সব চিঠি পেয়েছেন সেগুলো সঙ্গে আনুন।",
        ("বিনামূল্যে ও গোপনীয় আইনি সহায়তা।", "বিনা খরচে দোভাষীর ব্যবস্থা আছে।"),
        "আপনার তথ্য গোপনীয়",
        "আপনার লিখিত সম্মতি ছাড়া আমরা তা কারও সঙ্গে শেয়ার করি না।",
    ),
    "ht": Sample(
        "Fèy referans",
        "Kliyan",
        "Non",
        "Jean-Baptiste Désir",
        "Randevou",
        "Telefòn",
        "Referans bay",
        "Tanpri pote fèy sa a ak tout lèt ou te resevwa yo nan randevou ou.",
        ("Èd legal gratis e konfidansyèl.", "Gen entèprèt disponib gratis."),
        "Enfòmasyon ou yo konfidansyèl",
        "Nou pataje yo sèlman avèk konsantman ekri ou.",
    ),
    "ko": Sample(
        "의뢰서",
        "의뢰인",
        "이름",
        "김민준",
        "예약 날짜",
        "전화",
        "의뢰 기관",
        "예약하신 날에 이 서류와 받으신 모든 편지를 가져오십시오.",
        ("무료 비밀 법률 지원.", "통역 서비스를 무료로 제공합니다."),
        "귀하의 정보는 비밀로 유지됩니다",
        "귀하의 서면 동의가 있을 때만 정보를 공유합니다.",
    ),
    "ar": Sample(
        "ورقة الإحالة",
        "العميل",
        "الاسم",
        "محمد عبد الله",
        "موعد المقابلة",
        "الهاتف",
        "الإحالة إلى",
        "يرجى إحضار هذه الورقة وجميع الرسائل التي تلقيتها إلى موعدك.",
        ("مساعدة قانونية مجانية وسرية.", "يتوفر مترجمون فوريون مجانًا."),
        "معلوماتك سرية",
        "لا نشاركها إلا بموافقتك الكتابية.",
    ),
    "ur": Sample(
        "ریفرل شیٹ",
        "کلائنٹ",
        "نام",
        "عائشہ خان",
        "ملاقات کی تاریخ",
        "فون",
        "ریفر کیا گیا",
        "براہ کرم اپنی ملاقات پر یہ شیٹ اور موصول ہونے والے تمام خطوط ساتھ لائیں۔",
        ("مفت اور خفیہ قانونی مدد۔", "ترجمان مفت دستیاب ہیں۔"),
        "آپ کی معلومات خفیہ ہیں",
        "ہم آپ کی تحریری رضامندی کے بغیر انہیں کسی کے ساتھ شیئر نہیں کرتے۔",
    ),
    "fr": Sample(
        "Fiche d'orientation",
        "Client",
        "Nom",
        "Jean-François Lefèvre",
        "Rendez-vous",
        "Téléphone",
        "Orienté vers",
        "Veuillez apporter cette fiche et toutes les lettres reçues à votre rendez-vous.",
        (
            "Aide juridique gratuite et confidentielle.",
            "Des interprètes sont disponibles gratuitement.",
        ),
        "Vos informations sont confidentielles",
        "Nous ne les partageons qu'avec votre consentement écrit.",
    ),
    "pl": Sample(
        "Skierowanie",
        "Klient",
        "Imię i nazwisko",
        "Łukasz Wójcik",
        "Data wizyty",
        "Telefon",
        "Skierowano do",
        "Prosimy zabrać ten formularz i wszystkie otrzymane listy na wizytę.",
        ("Bezpłatna i poufna pomoc prawna.", "Tłumacze są dostępni bezpłatnie."),
        "Twoje dane są poufne",
        "Udostępniamy je tylko za Twoją pisemną zgodą.",
    ),
}


def sample_date(code: str) -> str:
    """The sample date as the language writes it in short numeric form."""
    return format_date(SAMPLE_DATE, code, "short")


def sample_sheet(code: str) -> Sheet:
    """A one-page sheet in language ``code`` exercising every block type."""
    s = SAMPLES[code]
    rows = Rows(
        (
            Row(s.name_label, s.name),
            Row(s.date_label, (Ltr(sample_date(code)),)),
            Row(s.phone_label, (Ltr(PHONE),)),
            Row(s.referred_label, PROVIDER),
        )
    )
    body = (
        rows,
        Paragraph(s.sentence),
        Bullets(s.bullets),
        Notice(s.notice_title, (s.notice_body,)),
    )
    return Sheet(code, s.title, (Section(s.heading, body),))
