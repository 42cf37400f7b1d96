"""The invented people and places of the demo caseload: Northbridge, a fictional English borough.

Nobody here is real. Names come from many cultures, spelled as their owners would spell them
(accents, Polish and Vietnamese letters, Yoruba tone marks, Chinese, Arabic and Cyrillic script).
Phone numbers are in Ofcom's ranges kept for drama (07700 900xxx, 01632 960xxx); postcodes use
the area "NB", which does not exist; email addresses use the reserved `.example` domain.
Each child carries the name of the scenario its case follows (ewo_desk.demo.SCENARIOS).
"""

from __future__ import annotations

from dataclasses import dataclass

COUNCIL = {
    "name": "Northbridge Borough Council",
    "service_name": "Education Welfare Service",
    "address_line1": "Civic Centre, Market Street",
    "address_line2": "",
    "town": "Northbridge",
    "postcode": "NB1 1AA",
    "phone": "01632 960000",
    "email": "education.welfare@northbridge.example",
}
TEAM = "Education Welfare Service, North Area"
LA_NUMBER = "990"  # no real local authority uses 990
COURT = "Northbridge Magistrates' Court"
FAMILY_COURT = "Family Court sitting at Northbridge"
SOCIAL_CARE = "Northbridge Children's Social Care"

# (name, role, may issue penalty notices); the first is the vault owner unless one exists.
OFFICERS = (
    ("Rebecca Thornton", "Senior Education Welfare Officer", True),
    ("Tomasz Kowalczyk", "Education Welfare Officer", True),
    ("Adaeze Okonkwo-Bell", "Attendance Support Officer", False),
)
SOCIAL_WORKERS = ("Harriet Ellwood", "Kwabena Mensah", "Deborah Kaczmarek")


@dataclass(frozen=True)
class SchoolSpec:
    key: str
    name: str
    urn: str
    estab: str
    phase: str
    establishment_type: str
    head_teacher: str
    street: str
    contacts: tuple[tuple[str, str], ...]  # (name, role)
    penalty_notices_apply: bool = True


SCHOOLS = (
    SchoolSpec("aidan", "St Aidan's Catholic Primary School", "990101", "3301", "Primary",
               "Voluntary aided school", "Mrs Catherine Doherty", "Chapel Walk",
               (("Bernadette Flanagan", "Attendance officer"),
                ("Marcus Fernandes", "Deputy head, designated safeguarding lead"))),
    SchoolSpec("millbrook", "Millbrook Primary School", "990102", "2104", "Primary",
               "Community school", "Mr Jonathan Ashby", "Millbrook Road",
               (("Leanne Hargreaves", "Attendance lead"),
                ("Samira Haddad", "Designated safeguarding lead"))),
    SchoolSpec("riverside", "Riverside Community Primary Academy", "990103", "2110", "Primary",
               "Academy sponsor led", "Ms Folasade Ogunleye", "Canal Side",
               (("Kerry Whitworth", "Attendance officer"),
                ("Daniel Ostrowski", "Designated safeguarding lead"))),
    SchoolSpec("northbridge_high", "Northbridge High School", "990201", "4001", "Secondary",
               "Community school", "Dr Rajesh Venkataraman", "Larkhill Road",
               (("Paula Greenhalgh", "Attendance officer"),
                ("Stuart McAllister", "Designated safeguarding lead"),
                ("Yvonne Achterberg", "Head of Year 9"))),
    SchoolSpec("harefield", "Harefield Park Academy", "990202", "4005", "Secondary",
               "Academy converter", "Mr Gavin Thorpe", "Harefield Avenue",
               (("Ruksana Chowdhury", "Attendance lead"),
                ("Małgorzata Lewandowska", "Designated safeguarding lead"))),
    SchoolSpec("oakwood", "Oakwood School", "990301", "7002", "All-through",
               "Community special school", "Mrs Helen Stansfield", "Beechwood Court",
               (("Trevor Oduya", "Attendance and family liaison"),
                ("Siân Llewellyn", "SENCo"))),
    SchoolSpec("ashcombe", "Ashcombe House School", "990501", "6003", "All-through",
               "Other independent school", "Mr Edward Carrington-Smythe", "Ashcombe Park",
               (("Philippa Worthington", "Registrar"),),
               penalty_notices_apply=False),
)  # fmt: skip
PRIMARY_SCHOOLS = ("aidan", "millbrook", "riverside")

STREETS = (
    "Tannery Lane", "Cobden Street", "Wharf Road", "Alderley Close", "Victoria Terrace",
    "Hollins Way", "Gasworks Row", "Primrose Bank", "Station Approach", "Fernlea Avenue",
    "Kestrel Drive", "Brindley Street", "Orchard Rise", "Ravensdale Gardens", "Sycamore Grove",
    "Weavers Fold", "Hatters Lane", "Foundry Street", "Bramble Close", "Lockside",
    "Peel Terrace", "Calder View", "Heather Bank", "Ropewalk", "Spinners Way",
)  # fmt: skip
NEIGHBOURHOODS = ("Eastholme", "Saltmarsh", "Kingsway", "Upper Cranford", "")


@dataclass(frozen=True)
class ParentSpec:
    title: str
    given: str
    family: str
    relationship: str
    pr: bool = True  # parental responsibility
    lives_with: bool = True
    language: str = "English"
    interpreter: bool = False
    safety: str = ""


@dataclass(frozen=True)
class ChildSpec:
    given: str
    family: str
    sex: str
    year: int
    school: str
    scenario: str
    preferred: str = ""
    flags: tuple[str, ...] = ()
    social_worker: int | None = None  # index into SOCIAL_WORKERS


@dataclass(frozen=True)
class Household:
    key: str
    parents: tuple[ParentSpec, ...]
    children: tuple[ChildSpec, ...]


P, C, H = ParentSpec, ChildSpec, Household
DO_NOT_VISIT_ALONE = (
    "Do not visit alone. Verbally aggressive to a colleague at the door; visit in pairs and "
    "tell the office when you arrive and leave."
)

HOUSEHOLDS = (
    H("wisniewski",
      (P("Mr", "Łukasz", "Wiśniewski", "Father", language="Polish"),
       P("Mrs", "Agnieszka", "Wiśniewska", "Mother", language="Polish")),
      (C("Zofia", "Wiśniewska", "F", 9, "harefield", "nti_not_improved", flags=("eal",)),
       C("Kacper", "Wiśniewski", "M", 4, "millbrook", "contract_signed", flags=("eal",)))),
    H("obriain",
      (P("Ms", "Siobhán", "Ó Briain", "Mother"),
       P("Mr", "Declan", "Fitzgerald", "Father", lives_with=False)),
      (C("Ciarán", "Ó Briain", "M", 8, "northbridge_high", "pn_separated",
         flags=("free_school_meals",)),)),
    H("nguyen",
      (P("Mrs", "Thị Hoa", "Nguyễn", "Mother", language="Vietnamese", interpreter=True),),
      (C("Bảo Ngọc", "Nguyễn", "F", 5, "riverside", "support", preferred="Ngọc",
         flags=("young_carer", "eal", "free_school_meals", "interpreter_needed",
                "early_help")),)),
    H("adebayo",
      (P("Mr", "Oluwaseun", "Adébáyọ̀", "Father"),
       P("Mrs", "Folake", "Adébáyọ̀", "Mother")),
      (C("Tèmítọ́pẹ́", "Adébáyọ̀", "F", 10, "northbridge_high", "pros_sjp_convicted",
         preferred="Tèmi"),)),
    H("yilmaz",
      (P("Mrs", "Ayşe", "Yılmaz", "Mother", language="Turkish", interpreter=True),),
      (C("Mehmet", "Yılmaz", "M", 8, "harefield", "pn_second",
         flags=("eal", "free_school_meals", "interpreter_needed")),
       C("Zeynep", "Yılmaz", "F", 2, "riverside", "support",
         flags=("eal", "free_school_meals", "interpreter_needed")))),
    H("wang",
      (P("Mr", "Jianguo", "Wang", "Father", language="Mandarin"),
       P("Mrs", "Meiling", "Huang", "Mother", language="Mandarin")),
      (C("Fang", "Wang", "F", 6, "riverside", "support_anxiety", preferred="王芳",
         flags=("send_support", "eal")),)),
    H("alhassan",
      (P("Mr", "Khalid", "Al-Hassan", "Father", language="Arabic", interpreter=True),
       P("Mrs", "Rania", "Al-Hassan", "Mother", language="Arabic")),
      (C("Mohammed", "Al-Hassan", "M", 9, "northbridge_high", "eso_consultation",
         preferred="محمد", flags=("child_in_need", "eal"), social_worker=1),)),
    H("dvorak",
      (P("Mrs", "Markéta", "Dvořáková", "Mother", language="Czech"),
       P("Mr", "Tomáš", "Dvořák", "Father", language="Czech")),
      (C("Matěj", "Dvořák", "M", 3, "aidan", "contract_reviewed", flags=("eal",)),)),
    H("muller",
      (P("Mrs", "Sabine", "Müller", "Mother"), P("Mr", "Stefan", "Müller", "Father")),
      (C("Annika", "Müller", "F", 11, "northbridge_high", "pros_1a_laid"),)),
    H("sorensen",
      (P("Ms", "Ingrid", "Sørensen", "Mother"),
       P("Mr", "Anders", "Lindqvist", "Father", lives_with=False)),
      (C("Freja", "Sørensen", "F", 5, "aidan", "contract_broken"),)),
    H("popescu",
      (P("Mrs", "Ioana", "Popescu", "Mother", language="Romanian"),
       P("Mr", "Mihai", "Popescu", "Father", language="Romanian")),
      (C("Andrei", "Popescu", "M", 7, "harefield", "sao_notice", flags=("eal",)),)),
    H("raghunathan",
      (P("Dr", "Priya", "Raghunathan", "Mother"),
       P("Mr", "Venkatesh", "Raghunathan", "Father")),
      (C("Arjun", "Raghunathan", "M", 10, "ashcombe", "support_anxiety",
         flags=("send_support",)),)),
    H("hughes",
      (P("Mrs", "Sharon", "Hughes", "Mother"), P("Mr", "Darren", "Hughes", "Father")),
      (C("Kayden", "Hughes", "M", 6, "millbrook", "pn_holiday"),)),
    H("sutton",
      (P("Ms", "Gemma", "Whitfield", "Mother"),
       P("Mr", "Craig", "Barton", "Step-father", pr=False, safety=DO_NOT_VISIT_ALONE),
       P("Mr", "Lee", "Sutton", "Father", lives_with=False)),
      (C("Tyler", "Sutton", "M", 9, "northbridge_high", "pn_withdrawn",
         flags=("free_school_meals",)),)),
    H("dawson",
      (P("Ms", "Michelle", "Dawson", "Mother"),),
      (C("Jordan", "Dawson", "M", 11, "harefield", "pros_1a_parenting_order",
         flags=("free_school_meals",)),)),
    H("campbell",
      (P("Mrs", "Marcia", "Campbell", "Grandmother (special guardian)"),
       P("Ms", "Shanice", "Campbell", "Mother", lives_with=False)),
      (C("Jaden", "Campbell", "M", 8, "northbridge_high", "eso_made",
         flags=("send_support", "free_school_meals")),)),
    H("akhtar",
      (P("Mrs", "Nasreen", "Akhtar", "Mother", language="Urdu"),
       P("Mr", "Imran", "Akhtar", "Father")),
      (C("Zainab", "Akhtar", "F", 8, "harefield", "nti_open"),
       C("Hamza", "Akhtar", "M", 3, "riverside", "support"))),
    H("warsame",
      (P("Ms", "Hodan", "Warsame", "Mother", language="Somali", interpreter=True),),
      (C("Abdirahman", "Warsame", "M", 9, "northbridge_high", "eso_applied",
         flags=("child_in_need", "eal", "free_school_meals", "interpreter_needed"),
         social_worker=0),)),
    H("rahman",
      (P("Mrs", "Shahida", "Rahman", "Mother", language="Bengali (Sylheti)"),
       P("Mr", "Mizanur", "Rahman", "Father")),
      (C("Tahmid", "Rahman", "M", 5, "riverside", "pn_issued", flags=("eal",)),)),
    H("mcdonagh",
      (P("Mrs", "Bridget", "McDonagh", "Mother"), P("Mr", "Michael", "McDonagh", "Father")),
      (C("Patrick", "McDonagh", "M", 4, "aidan", "support_traveller"),)),
    H("kovalenko",
      (P("Mrs", "Olena", "Kovalenko", "Mother", language="Ukrainian", interpreter=True),),
      (C("Dmytro", "Kovalenko", "M", 6, "millbrook", "support", preferred="Дмитро",
         flags=("eal", "interpreter_needed", "early_help")),)),
    H("ashworth",
      (P("Mrs", "Pauline", "Ashworth", "Foster carer", pr=False),
       P("Mr", "Graham", "Ashworth", "Foster carer", pr=False),
       P("Ms", "Kirsty", "Marsh", "Mother", lives_with=False)),
      (C("Callum", "Marsh", "M", 8, "oakwood", "support_looked_after",
         flags=("looked_after", "ehcp"), social_worker=2),)),
    H("riley",
      (P("Ms", "Danielle", "Riley", "Mother"),),
      (C("Mason", "Riley", "M", 2, "millbrook", "support_safeguarding",
         flags=("child_protection", "free_school_meals"), social_worker=0),)),
    H("pritchard",
      (P("Mrs", "Rhiannon", "Pritchard", "Mother"), P("Mr", "Gareth", "Pritchard", "Father")),
      (C("Dylan", "Pritchard", "M", 10, "northbridge_high", "pros_sjp_laid"),)),
    H("patel",
      (P("Mrs", "Hetal", "Patel", "Mother"), P("Mr", "Nilesh", "Patel", "Father")),
      (C("Anaya", "Patel", "F", 6, "riverside", "nti_improved_closed"),)),
    H("ferreira",
      (P("Mrs", "Conceição", "Ferreira", "Mother", language="Portuguese"),
       P("Mr", "João", "Ferreira", "Father", language="Portuguese")),
      (C("Beatriz", "Ferreira", "F", 8, "harefield", "contract_signed", flags=("eal",)),)),
    H("mbala",
      (P("Mme", "Grâce", "Mbala", "Mother", language="French"),),
      (C("Exaucé", "Mbala", "M", 4, "aidan", "support", flags=("eal", "free_school_meals")),)),
    H("fernandez",
      (P("Mrs", "Nuria", "Fernández", "Mother", language="Spanish"),
       P("Mr", "Álvaro", "Fernández", "Father", language="Spanish")),
      (C("Mateo", "Fernández", "M", 3, "millbrook", "pn_paid"),)),
    H("clarke",
      (P("Ms", "Natalie", "Clarke", "Mother"),),
      (C("Zoë", "Clarke", "F", 7, "northbridge_high", "pn_reg9",
         flags=("young_carer", "free_school_meals")),)),
    H("macleod",
      (P("Ms", "Fiona", "MacLeod", "Mother"),),
      (C("Eilidh", "MacLeod", "F", 9, "harefield", "closed_moved"),)),
    H("okafor",
      (P("Mrs", "Chiamaka", "Okafor", "Mother"), P("Mr", "Emeka", "Okafor", "Father")),
      (C("Chidera", "Okafor", "F", 11, "northbridge_high", "closed_improved"),)),
    H("kazlauskas",
      (P("Mrs", "Rūta", "Kazlauskienė", "Mother", language="Lithuanian"),),
      (C("Jonas", "Kazlauskas", "M", 10, "harefield", "closed_pn_paid"),)),
    H("ahmadi",
      (P("Mrs", "Shirin", "Ahmadi", "Mother", language="Farsi", interpreter=True),
       P("Mr", "Farhad", "Ahmadi", "Father", language="Farsi")),
      (C("Darius", "Ahmadi", "M", 9, "northbridge_high", "sao_served", flags=("eal",)),)),
    H("booth",
      (P("Ms", "Karen", "Booth", "Mother"),),
      (C("Connor", "Booth", "M", 8, "harefield", "nti_open",
         flags=("send_support", "free_school_meals")),)),
    H("asante",
      (P("Mrs", "Abena", "Asante", "Mother"),),
      (C("Kwame", "Asante", "M", 5, "oakwood", "support_part_time", flags=("ehcp",)),)),
    H("fairbairn",
      (P("Mrs", "Camilla", "Fairbairn", "Mother"), P("Mr", "Piers", "Fairbairn", "Father")),
      (C("Rupert", "Fairbairn", "M", 8, "ashcombe", "contract_reviewed"),)),
    H("greenwood",
      (P("Mrs", "Bethany", "Greenwood", "Mother"),),
      (C("Harrison", "Greenwood", "M", 3, "aidan", "support_n_codes",
         flags=("early_help",)),)),
)  # fmt: skip
