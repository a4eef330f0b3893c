"""Generate a benchmark database for the pcve suite (issue #8).

    .stack/venv/bin/python bench/generate.py --scale small|national [--seed N]
        [--db NAME] [--anchor YYYY-MM-DD] [--force] [--verify] [--top-up]

Installs the four addons without demo data into a fresh database, then writes
the data with COPY (one COPY per table and batch). The same seed, scale and
anchor date give the same rows. Stored computed fields are written in the same
rows (computed here as the ORM would); ``--verify`` recomputes a sample of them
through the ORM and fails on any difference. Reference data that is small and
has side effects worth keeping (companies, users, charters, reviews) goes
through the ORM.

At national scale, company 1 has exactly the volume of the small data set (its
users are the ones the benchmark signs in as); the other 19 municipalities
share the rest, the largest ("the capital") first.
"""

import argparse
import calendar
import datetime
import hashlib
import io
import json
import math
import os
import pathlib
import random
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".stack" / "venv" / "bin" / "python"
# Odoo is started through its package's launcher (tools/odoo.sh), never with
# running Odoo as a module (-m), with the local configuration written by tools/setup.sh.
ODOO = ("bash", str(ROOT / "tools" / "odoo.sh"))
CONF = str(ROOT / ".stack" / "odoo.conf")
MODULES = "pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
GENERATOR_VERSION = 5
MARKER_KEY = "pcve_bench.dataset"
VOLUMES = (
    "partners",
    "cases",
    "members",
    "sessions",
    "invitations",
    "concerns",
    "assessments",
)
SCALES = {
    "small": {
        "companies": 1,
        "partners": 300,
        "cases": 2000,
        "members": 8000,
        "sessions": 3000,
        "invitations": 30000,
        "concerns": 10000,
        "assessments": 100,
    },
    "national": {
        "companies": 20,
        "partners": 20000,
        "cases": 100000,
        "members": 400000,
        "sessions": 50000,
        "invitations": 500000,
        "concerns": 200000,
        "assessments": 5000,
    },
}
YEARS = 5
# The users the benchmark signs in as (password = login), all in company 1.
BENCH_USERS = {
    "bench_worker": ["pcve_casework.group_case_worker"],
    "bench_manager": ["pcve_casework.group_case_manager"],
    "bench_organiser": ["pcve_safespaces.group_safespace_organiser"],
    "bench_evaluator": [
        "pcve_evaluation.group_evaluation_manager",
        "pcve_safespaces.group_safespace_manager",
        "base.group_allow_export",
    ],
}
BENCH_WORKER_CASES = 30

TOWNS = [
    "Aldenmoor", "Brugdal", "Kanaalstad", "Westerveld", "Oosthaven", "Lindeberg",
    "Mariadal", "Zandvoorde", "Heidebeek", "Rivierstad", "Noordkaap", "Eikendorp",
    "Dijkzicht", "Molenbeek-Oost", "Vlietburg", "Sterrenwijk", "Havenmond",
    "Berkelzand", "Graafschap", "Lagedijk",
]  # fmt: skip
PLACES = [
    "Kanaalwijk", "Oude Markt", "Stationskwartier", "Parkzicht", "De Brug",
    "Rozenhof", "Molenwijk", "Noordrand", "Singel", "Havenbuurt", "Tuinstad",
    "Kerkplein", "Beekdal", "Zuidpoort", "Veldhoek",
]  # fmt: skip
IDENTITIES = [
    "Moroccan-Dutch families", "Turkish community", "Somali community",
    "Syrian newcomers", "Polish workers", "Roma and Sinti", "Jewish community",
    "Young Muslims", "Evangelical churches", "LGBTQ+ youth", "Eritrean community",
    "Kurdish association members", "Afghan families", "Molukse community",
]  # fmt: skip
ORGANISATIONS = [
    "Mosque boards", "Youth workers' network", "Sports clubs", "Parents' councils",
    "Student associations", "Women's groups", "Neighbourhood watch",
]  # fmt: skip
FIRST_NAMES = [
    "Amina", "Youssef", "Fatima", "Mehmet", "Sara", "Daan", "Lotte", "Ibrahim",
    "Noor", "Jan", "Eva", "Omar", "Layla", "Pieter", "Hanna", "Karim", "Sanne",
    "Bilal", "Mila", "Tariq", "Anouk", "Hamza", "Ines", "Ruben", "Zeynep",
]  # fmt: skip
LAST_NAMES = [
    "El Amrani", "Jansen", "Yilmaz", "de Vries", "Bakker", "Haddad", "Visser",
    "Demir", "Smit", "Benali", "Mulder", "Kaya", "de Boer", "Aziz", "Peeters",
    "Hassan", "Claes", "Öztürk", "Maes", "Willems",
]  # fmt: skip
BIRDS = [
    "Sparrow", "Heron", "Robin", "Finch", "Lark", "Swift", "Wren", "Kestrel",
    "Plover", "Curlew", "Magpie", "Starling", "Egret", "Osprey", "Tern",
]  # fmt: skip
ORG_PREFIX = {
    "ngo": ["Foundation", "Stichting", "Network"],
    "faith_community": ["Mosque", "Parish", "Church", "Synagogue", "Temple"],
    "youth_organisation": ["Youth centre", "Youth club", "Jongerenhuis"],
    "sports_club": ["Football club", "Boxing school", "Kickboxing club"],
    "migrant_association": ["Association", "Cultural centre", "Vereniging"],
    "school": ["College", "Primary school", "Lyceum"],
    "other": ["Library", "Community kitchen", "Tenants' association"],
}
ORG_TYPES = [
    ("ngo", 18), ("faith_community", 14), ("youth_organisation", 12),
    ("sports_club", 10), ("migrant_association", 12), ("school", 8),
    ("key_figure", 20), ("other", 6),
]  # fmt: skip
ENGAGEMENT = [
    ("mapping", 30), ("contact", 25), ("selected", 15), ("collaboration", 20),
    ("dormant", 10),
]  # fmt: skip
SIGNAL_SOURCES = [
    ("community", 20), ("family", 20), ("school", 25), ("youth_work", 10),
    ("health", 8), ("police", 10), ("self", 2), ("other", 5),
]  # fmt: skip
CONCERN_TYPES = [
    ("right_wing", 30), ("left_wing", 7), ("religiously_motivated", 35),
    ("separatist", 3), ("single_issue", 8), ("unclear", 15), ("other", 2),
]  # fmt: skip
OTHER_ROLES = [
    ("social_worker", 20), ("psychologist", 12), ("youth_worker", 22),
    ("police_liaison", 14), ("teacher", 10), ("case_manager", 6), ("mentor", 16),
]  # fmt: skip
PROFESSIONAL_ROLES = {
    "case_manager", "social_worker", "psychologist", "youth_worker",
    "police_liaison", "teacher",
}  # fmt: skip
FORMATS = [
    ("dialogue_circle", 35), ("worktable", 20), ("open_doors", 10),
    ("interfaith_meal", 10), ("festival_sports", 8), ("information_session", 12),
    ("training", 5),
]  # fmt: skip
LEVELS = [("neighbourhood", 60), ("city", 30), ("regional", 8), ("national", 2)]
VENUE_TYPES = [
    ("community_centre", 30), ("youth_centre", 15), ("library", 15),
    ("sports_club", 8), ("place_of_worship", 10), ("school", 8), ("cafe", 6),
    ("social_services_office", 4), ("police_station", 2), ("other", 2),
]  # fmt: skip
NON_NEUTRAL = {"police_station", "security_office", "social_services_office"}
CONCERN_TOPICS = [
    ("housing", 14), ("parking", 10), ("traffic_safety", 10), ("public_space", 16),
    ("education", 10), ("youth", 14), ("discrimination", 10), ("safety", 8),
    ("utilities", 4), ("other", 4),
]  # fmt: skip
CONCERN_TEXT = {
    "housing": "Damp and mould in the flats of",
    "parking": "No parking left for residents of",
    "traffic_safety": "Children cross a busy road in",
    "public_space": "Broken street lights in",
    "education": "Too few places in the homework class of",
    "youth": "Nowhere for teenagers to meet in",
    "discrimination": "Young people refused at the door in",
    "safety": "Harassment near the station of",
    "utilities": "No running water for two days in",
    "other": "Questions about the new rules in",
}
PLAN_ITEMS = [
    "Weekly talk with the mentor", "Family conference", "School attendance plan",
    "Referral to the psychologist", "Sports club membership", "Job coaching",
    "Check-in with the faith volunteer", "Debt counselling", "Internship search",
]  # fmt: skip
# A closure's code and details (pcve.case.closure_reason_code): a case closed
# before the intervention had no further action; the others any other code.
CLOSURE_NFA = ("no_further_action", "No concern after assessment.")
CLOSURES = [
    ("goals_met", "Goals of the plan reached."),
    ("moved_away", "Moved out of the municipality."),
    ("referred_on", "Referred to specialised care."),
    ("declined_support", "Person no longer wishes to take part."),
    ("other", "Family moved the case to a private therapist."),
]  # fmt: skip
NFA_RETENTION_MONTHS = 12
# Generator 5: the rationale of an approval below the requested level.
LOWER_LEVEL_RATIONALE = "A smaller start first; the level is reviewed at re-assessment."
# Generator 5: the corrections that rules added after generator 3 need
# (Generator.trust_volunteer_initiatives, Generator.explain_lower_levels).
GENERATOR_5_STEPS = ("trust_volunteer_initiatives", "explain_lower_levels")
# Generator 4: the kind of each community (pcve.community.group_kind), from
# its name; location and organisation communities other than the majority
# are "other".
NEWLY_ARRIVED = (
    "Syrian newcomers", "Eritrean community", "Afghan families",
    "Kurdish association members",
)  # fmt: skip
YOUTH = ("Young Muslims", "LGBTQ+ youth")
INITIATIVES = [
    "Homework club", "Mothers' dialogue table", "Football and talk evenings",
    "Mentoring for newcomers", "Parents' information evenings",
    "Interfaith neighbourhood meal", "Youth council", "Media literacy workshops",
    "Key figures' network meeting", "Online resilience training",
]  # fmt: skip
INITIATIVE_MODES = [("reuse", 50), ("adapt", 30), ("new", 20)]
INITIATIVE_STATES = [("planned", 25), ("running", 45), ("done", 20), ("dropped", 10)]
# Held sessions of the last two years that asked for feedback, and the
# answers per session: the volume follows the sessions, hence the scale.
FEEDBACK_SHARE = 0.4
FEEDBACK_ANSWERS = (3, 12)
FEEDBACK_COMMENTS = [
    "Good to hear the other side.", "The moderator listened to everyone.",
    "Too short, we need more time.", "I will bring my neighbour next time.",
    "The room was too small.",
]  # fmt: skip


def group_kind(name, majority):
    """pcve.community.group_kind of a generated community."""
    if majority:
        return "majority"
    if name.startswith(NEWLY_ARRIVED):
        return "newly_arrived"
    if name.startswith(YOUTH):
        return "youth"
    if name.startswith(tuple(IDENTITIES)):
        return "established_minority"
    return "other"


CASE_STEPS = (("assessment_on", 3, 30), ("intervention_on", 10, 60))
CASE_LATER_STEPS = (("monitoring_on", 60, 240), ("closed_on", 60, 365))

FORMATS_LABELS = [
    ("dialogue_circle", "Dialogue circle"),
    ("worktable", "Worktable"),
    ("open_doors", "Open doors"),
    ("interfaith_meal", "Interfaith meal"),
    ("festival_sports", "Festival"),
    ("information_session", "Information session"),
    ("training", "Training"),
]


def pick(rnd, weighted):
    """One key of a [(key, weight)] list."""
    total = sum(weight for _key, weight in weighted)
    point = rnd.random() * total
    for key, weight in weighted:
        point -= weight
        if point < 0:
            return key
    return weighted[-1][0]


def add_years(day, years):
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day, months):
    """The same day ``months`` later (the month's last day if it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def largest_remainder(total, weights):
    """Integers proportional to weights that add up to total exactly."""
    whole = sum(weights)
    raw = [total * weight / whole for weight in weights]
    parts = [math.floor(value) for value in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for index in order[: total - sum(parts)]:
        parts[index] += 1
    return parts


def sizes_with_total(rnd, count, total, low, high):
    """``count`` integers in [low, high] around the mean, summing to total."""
    mean = total / count
    sizes = [
        min(high, max(low, round(rnd.triangular(low, high, mean))))
        for _ in range(count)
    ]
    diff = total - sum(sizes)
    while diff:
        index = rnd.randrange(count)
        step = 1 if diff > 0 else -1
        if low <= sizes[index] + step <= high:
            sizes[index] += step
            diff -= step
    return sizes


class Copier:
    """COPY rows into a table, in batches, through the raw psycopg2 cursor."""

    BATCH = 50000

    def __init__(self, cr):
        self.cr = cr
        self.counts = {}

    @staticmethod
    def _cell(value):
        if value is None:
            return "\\N"
        if value is True:
            return "t"
        if value is False:
            return "f"
        if isinstance(value, dict | list):
            value = json.dumps(value)
        elif isinstance(value, datetime.datetime):
            return value.isoformat(sep=" ")
        elif isinstance(value, datetime.date):
            return value.isoformat()
        elif isinstance(value, int | float):
            return str(value)
        return (
            str(value)
            .replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )

    def copy(self, table, columns, rows):
        cell = self._cell
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        batch = []
        for row in rows:
            batch.append("\t".join(map(cell, row)))
            if len(batch) >= self.BATCH:
                self._flush(sql, batch)
                batch = []
        if batch:
            self._flush(sql, batch)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def _flush(self, sql, lines):
        self.cr._obj.copy_expert(sql, io.StringIO("\n".join(lines) + "\n"))


class Generator:
    """Builds the rows of every table, deterministic from seed, scale and anchor."""

    def __init__(self, env, scale, seed, anchor):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.spec = SCALES[scale]
        self.rnd = random.Random(seed)
        self.rnd4 = random.Random(f"{seed}:4")
        self.anchor = anchor
        self.start = anchor - datetime.timedelta(days=365 * YEARS)
        self.now = datetime.datetime.combine(anchor, datetime.time(12, 0))
        self.copier = Copier(env.cr)
        self.stamp = datetime.datetime.combine(self.start, datetime.time(9, 0))
        self.plan = self._company_plan()
        self.companies = []
        self.users = {}  # company index -> role -> [user ids]
        self.user_partner = {}
        self.bench = {}
        self.corrected = {}  # generator 5: rows corrected, by column

    # -- helpers --------------------------------------------------------------

    def next_id(self, table):
        self.cr.execute(f"SELECT COALESCE(max(id), 0) + 1 FROM {table}")
        return self.cr.fetchone()[0]

    def day(self, low=None, high=None):
        """A date in [low, high], more recent dates more likely (growth)."""
        low = low or self.start
        high = high or self.anchor
        span = (high - low).days
        position = -1 + math.sqrt(1 + 3 * self.rnd.random())
        return low + datetime.timedelta(days=int(position * span))

    def audit(self, when=None):
        """create_uid, create_date, write_uid, write_date."""
        when = when or self.stamp
        if not isinstance(when, datetime.datetime):
            when = datetime.datetime.combine(when, datetime.time(10, 0))
        return (1, when, 1, when)

    AUDIT = ("create_uid", "create_date", "write_uid", "write_date")

    def _company_plan(self):
        spec = self.spec
        if spec["companies"] == 1:
            return [{key: spec[key] for key in VOLUMES}]
        small = SCALES["small"]
        others = spec["companies"] - 1
        weights = [1 / (rank**0.8) for rank in range(1, others + 1)]
        shares = {
            key: largest_remainder(spec[key] - small[key], weights) for key in VOLUMES
        }
        plan = [{key: small[key] for key in VOLUMES}]
        plan += [
            {key: shares[key][index] for key in VOLUMES} for index in range(others)
        ]
        return plan

    # -- companies and users (ORM) --------------------------------------------

    def make_companies(self):
        Company = self.env["res.company"]
        main = self.env.ref("base.main_company")
        main.write({"name": f"Gemeente {TOWNS[0]}", "city": TOWNS[0]})
        companies = [main]
        for index in range(1, self.spec["companies"]):
            companies.append(
                Company.create(
                    {
                        "name": f"Gemeente {TOWNS[index]}",
                        "city": TOWNS[index],
                        "currency_id": main.currency_id.id,
                    }
                )
            )
        self.companies = [company.id for company in companies]
        self.company_city = [TOWNS[index] for index in range(len(companies))]

    def make_users(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        groups = {
            "case_worker": "pcve_casework.group_case_worker",
            "volunteer": "pcve_casework.group_case_volunteer",
            "case_manager": "pcve_casework.group_case_manager",
            "organiser": "pcve_safespaces.group_safespace_organiser",
            "safespace_user": "pcve_safespaces.group_safespace_user",
            "assessor": "pcve_partners.group_pcve_assessor",
            "approver": "pcve_partners.group_pcve_approver",
            "staff": "pcve_partners.group_pcve_user",
        }
        group_ids = {role: self.env.ref(xmlid).id for role, xmlid in groups.items()}
        multi = len(self.companies) > 1
        for index, company_id in enumerate(self.companies):
            volume = self.plan[index]
            counts = {
                "case_worker": 5 + volume["cases"] // 60,
                "volunteer": 2 + volume["cases"] // 250,
                "case_manager": 1 + volume["cases"] // 2000,
                "organiser": 2 + volume["sessions"] // 150,
                "safespace_user": 2 + volume["concerns"] // 2000,
                "assessor": 1 + volume["partners"] // 500,
                "approver": 1 + volume["partners"] // 1500,
                "staff": 2,
            }
            values = []
            roles = []
            for role, count in counts.items():
                for number in range(1, count + 1):
                    first = FIRST_NAMES[self.rnd.randrange(len(FIRST_NAMES))]
                    last = LAST_NAMES[self.rnd.randrange(len(LAST_NAMES))]
                    values.append(
                        {
                            "name": f"{first} {last}",
                            "login": f"c{index + 1:02d}.{role}{number:03d}",
                            "company_id": company_id,
                            "company_ids": [(6, 0, [company_id])],
                            "group_ids": [(6, 0, [group_ids[role]])],
                        }
                    )
                    roles.append(role)
            users = Users.create(values)
            by_role = self.users.setdefault(index, {})
            for user, role in zip(users, roles, strict=True):
                by_role.setdefault(role, []).append(user.id)
                self.user_partner[user.id] = user.partner_id.id
        for login, xmlids in BENCH_USERS.items():
            user_groups = [self.env.ref(xmlid).id for xmlid in xmlids]
            companies = self.companies if login == "bench_evaluator" else [1]
            if multi and login == "bench_evaluator":
                user_groups.append(self.env.ref("base.group_multi_company").id)
            user = Users.create(
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "password": login,
                    "company_id": self.companies[0],
                    "company_ids": [(6, 0, companies)],
                    "group_ids": [(6, 0, user_groups)],
                }
            )
            self.bench[login] = user.id
            self.user_partner[user.id] = user.partner_id.id
        self.env.flush_all()

    # -- communities, partners, venues ----------------------------------------

    def make_communities(self):
        next_id = self.next_id("pcve_community")
        rows = []
        self.communities = {}
        self.majority = set()
        for index, company_id in enumerate(self.companies):
            count = 6 + self.plan[index]["partners"] // 60
            ids = []
            for number in range(count):
                if number == 0:
                    name, basis = f"Residents of {self.company_city[index]}", "location"
                    self.majority.add(next_id)
                else:
                    basis = pick(
                        self.rnd,
                        [("location", 50), ("identity", 35), ("organisation", 15)],
                    )
                    source = {
                        "location": PLACES,
                        "identity": IDENTITIES,
                        "organisation": ORGANISATIONS,
                    }[basis]
                    name = source[self.rnd.randrange(len(source))]
                    if number >= len(source):
                        name = f"{name} {number}"
                rows.append(
                    (
                        next_id,
                        {"en_US": name},
                        True,
                        basis,
                        f"<p>{name}: mapped with key figures and partners.</p>",
                        next_id in self.majority,
                        group_kind(name, next_id in self.majority),
                        self.rnd.randrange(12),
                        company_id,
                        *self.audit(),
                    )
                )
                ids.append(next_id)
                next_id += 1
            self.communities[index] = ids
        self.copier.copy(
            "pcve_community",
            ("id", "name", "active", "basis", "description", "is_majority")
            + ("group_kind", "color", "company_id", *self.AUDIT),
            rows,
        )

    def make_partners(self):
        next_id = self.next_id("res_partner")
        rows = []
        rel = []
        self.partners = {}
        self.key_figures = {}
        self.faith = {}
        for index, company_id in enumerate(self.companies):
            ids, key_figures, faith = [], [], []
            city = self.company_city[index]
            for number in range(self.plan[index]["partners"]):
                org_type = pick(self.rnd, ORG_TYPES)
                if org_type == "key_figure":
                    first = FIRST_NAMES[self.rnd.randrange(len(FIRST_NAMES))]
                    last = LAST_NAMES[self.rnd.randrange(len(LAST_NAMES))]
                    name = f"{first} {last}"
                    is_company = False
                    key_figures.append(next_id)
                else:
                    prefixes = ORG_PREFIX[org_type]
                    place = PLACES[self.rnd.randrange(len(PLACES))]
                    prefix = prefixes[self.rnd.randrange(len(prefixes))]
                    name = f"{prefix} {place} {number + 1}"
                    is_company = True
                    if org_type == "faith_community":
                        faith.append(next_id)
                email = None
                if self.rnd.random() < 0.75:
                    slug = "".join(ch for ch in name.lower() if ch.isalnum())[:24]
                    email = f"{slug}.{next_id}@example.org"
                rows.append(
                    (
                        next_id,
                        name,
                        name,
                        "contact",
                        True,
                        is_company,
                        company_id,
                        email,
                        email,
                        "en_US",
                        next_id,
                        name if is_company else None,
                        True,
                        city,
                        True,
                        org_type,
                        pick(self.rnd, ENGAGEMENT),
                        "none",
                        *self.audit(self.day()),
                    )
                )
                communities = self.communities[index]
                chosen = {communities[self.rnd.randrange(len(communities))]}
                if self.rnd.random() < 0.35:
                    chosen.add(communities[self.rnd.randrange(len(communities))])
                rel.extend((next_id, community) for community in sorted(chosen))
                ids.append(next_id)
                next_id += 1
            self.partners[index] = ids
            self.key_figures[index] = key_figures or ids[:5]
            self.faith[index] = faith or ids[:3]
        self.copier.copy(
            "res_partner",
            ("id", "name", "complete_name", "type", "active", "is_company")
            + ("company_id", "email", "email_normalized", "lang")
            + ("commercial_partner_id", "commercial_company_name", "partner_share")
            + ("city", "pcve_is_partner", "pcve_org_type", "pcve_engagement_stage")
            + ("pcve_collaboration_level", *self.AUDIT),
            rows,
        )
        self.copier.copy(
            "pcve_community_partner_rel", ("partner_id", "community_id"), rel
        )

    def make_venues(self):
        next_id = self.next_id("pcve_venue")
        rows = []
        self.venues = {}
        for index, company_id in enumerate(self.companies):
            ids = []
            for number in range(5 + self.plan[index]["sessions"] // 500):
                venue_type = pick(self.rnd, VENUE_TYPES)
                place = PLACES[number % len(PLACES)]
                label = venue_type.replace("_", " ").capitalize()
                capacity = 0 if self.rnd.random() < 0.4 else self.rnd.randrange(30, 200)
                rows.append(
                    (
                        next_id,
                        f"{label} {place} {number + 1}",
                        True,
                        f"{place}straat {number + 1}",
                        f"{1000 + index * 10 + number % 10} AB",
                        self.company_city[index],
                        venue_type,
                        venue_type not in NON_NEUTRAL,
                        self.rnd.random() < 0.7,
                        self.rnd.random() < 0.8,
                        self.rnd.random() < 0.6,
                        capacity,
                        company_id,
                        *self.audit(),
                    )
                )
                ids.append((next_id, venue_type not in NON_NEUTRAL, capacity))
                next_id += 1
            self.venues[index] = ids
        self.copier.copy(
            "pcve_venue",
            ("id", "name", "active", "street", "zip", "city", "venue_type")
            + ("is_neutral", "step_free", "public_transport", "informal")
            + ("capacity", "company_id", *self.AUDIT),
            rows,
        )

    # -- partner assessments, charters, memoranda -------------------------------

    def make_charters(self):
        Charter = self.env["pcve.charter"]
        self.charters = {}
        for index, company_id in enumerate(self.companies):
            charter = Charter.create(
                {
                    "name": "Charter for democratic values",
                    "version": "1.0",
                    "text": "<p>We reject violence and respect the rule of law.</p>",
                    "date_adopted": self.start,
                    "company_id": company_id,
                }
            )
            self.charters[index] = charter.id
        self.env.flush_all()

    def make_assessments(self):
        criteria = self.env["pcve.assessment.criterion"].search([("active", "=", True)])
        levels = ["information_sharing", "consultation", "dialogue", "partnership"]
        next_id = self.next_id("pcve_partner_assessment")
        line_id = self.next_id("pcve_assessment_criterion_line")
        reference_id = self.next_id("pcve_assessment_reference")
        signature_id = self.next_id("pcve_charter_signature")
        agreement_id = self.next_id("pcve_agreement")
        rows, lines, references, signatures, agreements = [], [], [], [], []
        signed = set()
        number = 0
        self.newest_level = {}
        for index, company_id in enumerate(self.companies):
            users = self.users[index]
            assessors = users["assessor"]
            approvers = users["approver"]
            partners = self.partners[index]
            chosen = self.rnd.sample(
                partners, min(len(partners), self.plan[index]["assessments"])
            )
            while len(chosen) < self.plan[index]["assessments"]:
                chosen.append(partners[self.rnd.randrange(len(partners))])
            for partner_id in chosen:
                number += 1
                requested = pick(
                    self.rnd,
                    [
                        ("information_sharing", 15),
                        ("consultation", 25),
                        ("dialogue", 40),
                        ("partnership", 20),
                    ],
                )
                funding = self.rnd.random() < 0.2
                depth = "full" if funding or requested == "partnership" else "light"
                state = pick(
                    self.rnd,
                    [
                        ("draft", 12),
                        ("in_review", 10),
                        ("decided", 73),
                        ("cancelled", 5),
                    ],
                )
                created = self.day(high=self.anchor - datetime.timedelta(days=30))
                assessor = assessors[self.rnd.randrange(len(assessors))]
                ratings = self._ratings(criteria, state)
                serious = any(rating == "serious_concern" for _c, rating in ratings)
                submitted = decided = outcome = granted = decider = rationale = None
                valid_until = None
                if state in ("in_review", "decided"):
                    submitted = created + datetime.timedelta(
                        days=self.rnd.randrange(2, 25)
                    )
                if state == "decided":
                    decided = submitted + datetime.timedelta(
                        days=self.rnd.randrange(3, 60)
                    )
                    decided = min(decided, self.anchor)
                    outcome = pick(
                        self.rnd,
                        [("approved", 62), ("dialogue_only", 25), ("declined", 13)],
                    )
                    if (
                        outcome == "approved"
                        and serious
                        and (funding or requested == "partnership")
                    ):
                        outcome = "dialogue_only"
                    others = [user for user in approvers if user != assessor]
                    decider = others[self.rnd.randrange(len(others))]
                    if outcome == "approved":
                        top = levels.index(requested)
                        granted = levels[self.rnd.randrange(max(top - 1, 0), top + 1)]
                        valid_until = add_years(decided, 2)
                        if funding and (partner_id, index) not in signed:
                            signed.add((partner_id, index))
                            signatures.append(
                                (
                                    signature_id,
                                    partner_id,
                                    self.charters[index],
                                    submitted,
                                    "Chair of the board",
                                    "paper",
                                    *self.audit(submitted),
                                )
                            )
                            signature_id += 1
                        if self.rnd.random() < 0.5:
                            agreements.append(
                                (
                                    agreement_id,
                                    f"Memorandum {number}",
                                    company_id,
                                    partner_id,
                                    next_id,
                                    "<p>Joint dialogue tables and youth activities.</p>",
                                    decided,
                                    valid_until,
                                    "active" if valid_until >= self.anchor else "ended",
                                    *self.audit(decided),
                                )
                            )
                            agreement_id += 1
                        current = self.newest_level.get(partner_id)
                        if valid_until >= self.anchor and (
                            current is None or (decided, next_id) > current[:2]
                        ):
                            self.newest_level[partner_id] = (
                                decided,
                                next_id,
                                granted,
                                valid_until,
                            )
                    else:
                        rationale = "Dialogue remains possible; no funding or mandate."
                rows.append(
                    (
                        next_id,
                        f"ASSESS/{created.year}/{number:05d}",
                        company_id,
                        partner_id,
                        requested,
                        funding,
                        self.rnd.randrange(1, 50) * 500 if funding else 0,
                        "Collaboration on dialogue and youth work.",
                        depth,
                        serious,
                        assessor,
                        submitted,
                        decider,
                        decided,
                        state,
                        outcome,
                        granted,
                        rationale,
                        valid_until,
                        *self.audit(created),
                    )
                )
                for criterion, rating in ratings:
                    lines.append(
                        (
                            line_id,
                            next_id,
                            company_id,
                            criterion.id,
                            criterion.sequence,
                            "Checked in public sources." if rating else None,
                            "Press archive, annual report" if rating else None,
                            rating,
                            *self.audit(created),
                        )
                    )
                    line_id += 1
                if depth == "full" and state in ("in_review", "decided"):
                    for referee in range(2 + self.rnd.randrange(2)):
                        references.append(
                            (
                                reference_id,
                                next_id,
                                company_id,
                                f"Referee {referee + 1}",
                                "Neighbourhood council",
                                "Positive about the cooperation.",
                                True,
                                *self.audit(created),
                            )
                        )
                        reference_id += 1
                next_id += 1
        self.copier.copy(
            "pcve_partner_assessment",
            ("id", "name", "company_id", "partner_id", "requested_level")
            + ("funding_involved", "funding_amount", "objective", "required_depth")
            + ("serious_concern", "assessor_id", "submitted_on", "decided_by_id")
            + ("decision_date", "state", "outcome", "granted_level")
            + ("decision_rationale", "valid_until", *self.AUDIT),
            rows,
        )
        self.copier.copy(
            "pcve_assessment_criterion_line",
            ("id", "assessment_id", "company_id", "criterion_id", "sequence")
            + ("finding", "source", "rating", *self.AUDIT),
            lines,
        )
        self.copier.copy(
            "pcve_assessment_reference",
            ("id", "assessment_id", "company_id", "name", "organisation", "statement")
            + ("cross_checked", *self.AUDIT),
            references,
        )
        self.copier.copy(
            "pcve_charter_signature",
            ("id", "partner_id", "charter_id", "signed_on", "signatory", "channel")
            + self.AUDIT,
            signatures,
        )
        self.copier.copy(
            "pcve_agreement",
            ("id", "name", "company_id", "partner_id", "assessment_id", "objectives")
            + ("date_start", "date_end", "state", *self.AUDIT),
            agreements,
        )
        self.assessment_count = number
        # res.partner.pcve_collaboration_level: the newest approved, still valid.
        levels_rows = [
            (partner_id, granted, valid)
            for partner_id, (_d, _i, granted, valid) in sorted(
                self.newest_level.items()
            )
        ]
        if levels_rows:
            self.cr.execute(
                "CREATE TEMP TABLE bench_level (partner_id int, level varchar, valid date)"
            )
            self.copier.copy(
                "bench_level", ("partner_id", "level", "valid"), levels_rows
            )
            self.cr.execute(
                """UPDATE res_partner p SET pcve_collaboration_level = l.level,
                          pcve_level_valid_until = l.valid
                     FROM bench_level l WHERE l.partner_id = p.id"""
            )
            self.cr.execute("DROP TABLE bench_level")

    def _ratings(self, criteria, state):
        """(criterion, rating) of an assessment; drafts are half rated."""
        ratings = []
        for criterion in criteria:
            rating = None
            if state != "draft" or self.rnd.random() < 0.5:
                rating = pick(
                    self.rnd,
                    [("no_concern", 80), ("concern", 17), ("serious_concern", 3)],
                )
            ratings.append((criterion, rating))
        return ratings

    # -- casework ---------------------------------------------------------------

    def make_cases(self):
        next_id = self.next_id("pcve_case")
        member_id = self.next_id("pcve_case_member")
        item_id = self.next_id("pcve_case_plan_item")
        meeting_id = self.next_id("pcve_case_meeting")
        note_id = self.next_id("pcve_case_note")
        cases, members, items, meetings, notes, activities = [], [], [], [], [], []
        todo = self.env.ref("mail.mail_activity_data_todo").id
        case_model = self.env["ir.model"]._get_id("pcve.case")
        totals = largest_remainder(
            self.spec["members"], [volume["cases"] for volume in self.plan]
        )
        number = 0
        for index, company_id in enumerate(self.companies):
            users = self.users[index]
            workers = users["case_worker"]
            volunteers = users["volunteer"]
            count = self.plan[index]["cases"]
            sizes = sizes_with_total(self.rnd, count, totals[index], 2, 6)
            dates = sorted(self.day() for _ in range(count))
            bench_cases = set()
            if index == 0:
                candidates = [i for i in range(count) if sizes[i] >= 3]
                bench_cases = set(self.rnd.sample(candidates, BENCH_WORKER_CASES))
                bench_leads = set(self.rnd.sample(sorted(bench_cases), 10))
            for position, signal in enumerate(dates):
                number += 1
                stage, stamps = self._case_stages(signal)
                closed = stamps.get("closed_on")
                end = closed or self.anchor
                closure, retention = self._closure(stamps)
                team = self._team(sizes[position], workers, volunteers)
                if position in bench_cases:
                    team[1] = (self.bench["bench_worker"], "social_worker")
                lead = team[0][0]
                if position in bench_cases and position in bench_leads:
                    lead = self.bench["bench_worker"]
                cases.append(
                    (
                        next_id,
                        f"CASE/{signal.year}/{number:04d}",
                        f"{BIRDS[number % len(BIRDS)]} {number}",
                        pick(self.rnd, SIGNAL_SOURCES),
                        signal,
                        "Reported by a professional; see the signal page.",
                        "Meets the mentor weekly; school involved.",
                        pick(self.rnd, CONCERN_TYPES),
                        stage,
                        lead,
                        stamps.get("assessment_on"),
                        stamps.get("intervention_on"),
                        stamps.get("monitoring_on"),
                        closure and closure[0],
                        closure and closure[1],
                        closed,
                        retention,
                        False,
                        0,
                        company_id,
                        *self.audit(signal),
                    )
                )
                first_start = signal
                for slot, (user_id, role) in enumerate(team):
                    start = first_start
                    if slot:
                        start = min(
                            signal + datetime.timedelta(days=self.rnd.randrange(0, 21)),
                            self.anchor,
                        )
                    active, date_end = True, None
                    if (
                        slot
                        and user_id != self.bench["bench_worker"]
                        and self.rnd.random() < 0.08
                        and start < end
                    ):
                        active = False
                        date_end = start + datetime.timedelta(
                            days=self.rnd.randrange(0, (end - start).days + 1)
                        )
                    if closed and active:
                        # the closure ends the team on its date
                        active, date_end = False, max(start, closed)
                    members.append(
                        (
                            member_id,
                            next_id,
                            user_id,
                            role,
                            role in PROFESSIONAL_ROLES,
                            self.faith[index][
                                self.rnd.randrange(len(self.faith[index]))
                            ]
                            if role == "faith_volunteer"
                            else None,
                            start,
                            date_end,
                            active,
                            company_id,
                            *self.audit(start),
                        )
                    )
                    member_id += 1
                professionals = [
                    user for user, role in team if role in PROFESSIONAL_ROLES
                ]
                items_count = (
                    self.rnd.randrange(1, 5)
                    if stage in ("intervention", "monitoring", "closed")
                    else self.rnd.randrange(0, 2)
                )
                for _item in range(items_count):
                    deadline = signal + datetime.timedelta(
                        days=self.rnd.randrange(14, 200)
                    )
                    items.append(
                        (
                            item_id,
                            next_id,
                            PLAN_ITEMS[self.rnd.randrange(len(PLAN_ITEMS))],
                            professionals[self.rnd.randrange(len(professionals))],
                            deadline,
                            bool(closed)
                            or deadline < self.anchor - datetime.timedelta(days=30),
                            company_id,
                            *self.audit(signal),
                        )
                    )
                    item_id += 1
                if stage != "signal":
                    held_from = stamps["assessment_on"]
                    for _meeting in range(self.rnd.randrange(1, 4)):
                        when = held_from + datetime.timedelta(
                            days=self.rnd.randrange(0, max((end - held_from).days, 1))
                        )
                        meetings.append(
                            self._meeting(meeting_id, next_id, when, company_id)
                        )
                        meeting_id += 1
                if not closed and self.rnd.random() < 0.4:
                    when = self.anchor + datetime.timedelta(
                        days=self.rnd.randrange(1, 30)
                    )
                    meetings.append(
                        self._meeting(meeting_id, next_id, when, company_id)
                    )
                    meeting_id += 1
                for _note in range(self.rnd.randrange(0, 3)):
                    author, role = team[self.rnd.randrange(len(team))]
                    professional = role in PROFESSIONAL_ROLES
                    visibility = (
                        "professionals"
                        if professional and self.rnd.random() < 0.3
                        else "team"
                    )
                    written = min(
                        signal + datetime.timedelta(days=self.rnd.randrange(0, 120)),
                        end,
                    )
                    notes.append(
                        (
                            note_id,
                            next_id,
                            "Talked with the family; next step agreed."
                            if visibility == "team"
                            else "Background from the police liaison.",
                            visibility,
                            author,
                            company_id,
                            *self.audit(written),
                        )
                    )
                    note_id += 1
                if not closed and self.rnd.random() < 0.15:
                    activities.append(
                        (
                            case_model,
                            "pcve.case",
                            next_id,
                            f"CASE/{signal.year}/{number:04d}",
                            todo,
                            lead,
                            "Prepare the case conference",
                            self.anchor
                            + datetime.timedelta(days=self.rnd.randrange(-5, 20)),
                            True,
                            False,
                            *self.audit(self.anchor),
                        )
                    )
                next_id += 1
        self.copier.copy(
            "pcve_case",
            ("id", "name", "subject_pseudonym", "signal_source", "signal_date")
            + ("signal_description", "team_summary", "concern_type", "stage")
            + ("lead_user_id", "assessment_on", "intervention_on", "monitoring_on")
            + ("closure_reason_code", "closure_reason", "closed_on")
            + ("retention_until", "is_anonymised")
            + ("color", "company_id", *self.AUDIT),
            cases,
        )
        self.copier.copy(
            "pcve_case_member",
            ("id", "case_id", "user_id", "role", "is_professional")
            + ("acting_on_behalf_of_id", "date_start", "date_end", "active")
            + ("company_id", *self.AUDIT),
            members,
        )
        self.copier.copy(
            "pcve_case_plan_item",
            ("id", "case_id", "description", "owner_user_id", "deadline", "done")
            + ("company_id", *self.AUDIT),
            items,
        )
        self.copier.copy(
            "pcve_case_meeting",
            ("id", "case_id", "name", "date", "decisions", "company_id", *self.AUDIT),
            meetings,
        )
        self.copier.copy(
            "pcve_case_note",
            ("id", "case_id", "body", "visibility", "author_id", "company_id")
            + self.AUDIT,
            notes,
        )
        self.copier.copy(
            "mail_activity",
            ("res_model_id", "res_model", "res_id", "res_name", "activity_type_id")
            + ("user_id", "summary", "date_deadline", "active", "automated")
            + self.AUDIT,
            activities,
        )
        self.case_count = number
        # Active team members follow their cases (pcve.case.member._follow_case).
        self.cr.execute(
            """
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT DISTINCT 'pcve.case', member.case_id, users.partner_id
              FROM pcve_case_member member
              JOIN res_users users ON users.id = member.user_id
             WHERE member.active
            """
        )
        self.cr.execute(
            """
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            SELECT follower.id, subtype.id
              FROM mail_followers follower
              JOIN mail_message_subtype subtype
                ON subtype."default" AND subtype.res_model IS NULL
             WHERE follower.res_model = 'pcve.case'
            """
        )

    def _meeting(self, meeting_id, case_id, day, company_id):
        when = datetime.datetime.combine(day, datetime.time(9 + self.rnd.randrange(8)))
        return (
            meeting_id,
            case_id,
            "Case conference",
            when,
            "Continue the plan." if when < self.now else None,
            company_id,
            *self.audit(min(when, self.now)),
        )

    def _closure(self, stamps):
        """((code, details), retention date) of a case with these stage
        dates, or (None, None) if it is open."""
        closed = stamps.get("closed_on")
        if not closed:
            return None, None
        if "intervention_on" not in stamps:
            return CLOSURE_NFA, add_months(closed, NFA_RETENTION_MONTHS)
        return CLOSURES[self.rnd.randrange(len(CLOSURES))], add_years(closed, 5)

    def _case_stages(self, signal):
        """Stage and stage dates of a case signalled on ``signal``."""
        stamps = {}
        stage = "signal"
        current = signal
        early_close = self.rnd.random() < 0.25
        steps = CASE_STEPS + CASE_LATER_STEPS
        for field_name, low, high in steps:
            if early_close and field_name == "intervention_on":
                field_name, low, high = "closed_on", 5, 60
            current = current + datetime.timedelta(days=self.rnd.randrange(low, high))
            if current > self.anchor:
                break
            stamps[field_name] = current
            stage = field_name[: -len("_on")]
            if stage == "closed":
                break
        return stage, stamps

    def _team(self, size, workers, volunteers):
        """(user, role) pairs: a professional first (the lead), of a role
        that pairs a faith volunteer (casework's PAIRING_ROLES), then maybe a
        faith volunteer."""
        from odoo.addons.pcve_casework.models.pcve_case_member import PAIRING_ROLES

        users = self.rnd.sample(workers, min(size, len(workers)))
        first, second = PAIRING_ROLES
        team = [(users[0], first if self.rnd.random() < 0.6 else second)]
        used = {users[0]}
        if size >= 3 and volunteers and self.rnd.random() < 0.45:
            volunteer = volunteers[self.rnd.randrange(len(volunteers))]
            team.append((volunteer, "faith_volunteer"))
            used.add(volunteer)
        for user in users[1:]:
            if len(team) >= size:
                break
            role = pick(self.rnd, OTHER_ROLES)
            if role == "mentor":
                candidates = [v for v in volunteers if v not in used]
                if not candidates:
                    role = "youth_worker"
                else:
                    user = candidates[self.rnd.randrange(len(candidates))]
            team.append((user, role))
            used.add(user)
        while len(team) < size:
            user = workers[self.rnd.randrange(len(workers))]
            if user not in used:
                team.append((user, "youth_worker"))
                used.add(user)
        if team[1][1] == "faith_volunteer" and size >= 3:
            # slot 1 may be handed to the benchmark worker: keep the volunteer
            team[1], team[2] = team[2], team[1]
        return team

    # -- safe spaces ----------------------------------------------------------

    def make_sessions(self):
        Session = self.env["pcve.safespace.session"]
        community_field = Session._fields["community_ids"]
        topic_field = Session._fields["topic_ids"]
        topics = self.env["pcve.safespace.topic"].search([]).ids
        next_id = self.next_id("pcve_safespace_session")
        invitation_id = self.next_id("pcve_safespace_invitation")
        series_id = self.next_id("pcve_safespace_series")
        sessions, invitations, community_rel, topic_rel, series = [], [], [], [], []
        self.held_sessions = {}
        self.session_start = {}
        totals = largest_remainder(
            self.spec["invitations"], [volume["sessions"] for volume in self.plan]
        )
        horizon = self.anchor + datetime.timedelta(days=60)
        for index, company_id in enumerate(self.companies):
            organisers = self.users[index]["organiser"]
            if index == 0:
                organisers = organisers + [self.bench["bench_organiser"]]
            count = self.plan[index]["sessions"]
            sizes = sizes_with_total(self.rnd, count, totals[index], 5, 15)
            slots = []
            # about 8% of the sessions come in weekly series of 4 to 10
            in_series = 0
            while in_series < count * 0.08:
                length = self.rnd.randrange(4, 11)
                first = self.day(high=horizon)
                organiser = organisers[self.rnd.randrange(len(organisers))]
                slots.extend(
                    (first + datetime.timedelta(weeks=week), series_id, organiser)
                    for week in range(length)
                )
                series.append((series_id, first, length, organiser, index))
                series_id += 1
                in_series += length
            slots = slots[:count]
            slots += [
                (self.day(high=horizon), None, None) for _ in range(count - len(slots))
            ]
            slots.sort(key=lambda slot: slot[0])
            partners = self.partners[index]
            communities = self.communities[index]
            venues = self.venues[index]
            held = []
            for position, (day, series_ref, organiser) in enumerate(slots):
                start = datetime.datetime.combine(
                    day, datetime.time(self.rnd.choice((10, 14, 18, 19, 20)))
                )
                stop = start + datetime.timedelta(hours=self.rnd.choice((1.5, 2, 2, 3)))
                organiser = organiser or organisers[self.rnd.randrange(len(organisers))]
                confidential = series_ref is None and self.rnd.random() < 0.4
                venue, neutral, capacity = venues[self.rnd.randrange(len(venues))]
                fmt = "dialogue_circle" if series_ref else pick(self.rnd, FORMATS)
                chosen = {communities[self.rnd.randrange(len(communities))]}
                if self.rnd.random() < 0.4:
                    chosen.add(communities[self.rnd.randrange(len(communities))])
                if start < self.now:
                    state = pick(
                        self.rnd, [("held", 85), ("cancelled", 10), ("confirmed", 5)]
                    )
                else:
                    state = pick(self.rnd, [("draft", 30), ("confirmed", 70)])
                moderator = None
                if confidential or self.rnd.random() < 0.6:
                    figures = self.key_figures[index]
                    moderator = figures[self.rnd.randrange(len(figures))]
                media = (
                    pick(self.rnd, [("no_media", 70), ("agreed_statement", 30)])
                    if confidential
                    else pick(
                        self.rnd,
                        [("no_media", 30), ("agreed_statement", 30), ("open", 40)],
                    )
                )
                attendance = women = youth = 0
                if state == "held":
                    attendance = self.rnd.randrange(5, 60)
                    women = self.rnd.randrange(0, attendance + 1)
                    youth = self.rnd.randrange(0, attendance + 1)
                place = PLACES[self.rnd.randrange(len(PLACES))]
                label = dict(FORMATS_LABELS)[fmt]
                sessions.append(
                    (
                        next_id,
                        f"{label} {place}",
                        f"<p>{label} in {place}: everyday issues first.</p>",
                        "Please come; the list of invitees is attached.",
                        start,
                        stop,
                        venue,
                        fmt,
                        pick(self.rnd, LEVELS),
                        bool(set(chosen) & self.majority),
                        organiser,
                        moderator,
                        confidential,
                        media,
                        True,
                        self.rnd.random() < 0.9,
                        moderator is not None,
                        self.rnd.random() < 0.8,
                        attendance,
                        women,
                        youth,
                        series_ref,
                        state,
                        "The only room available in the area."
                        if confidential and not neutral
                        else None,
                        company_id,
                        0,
                        *self.audit(min(start, self.now) - datetime.timedelta(days=14)),
                    )
                )
                community_rel.extend(
                    (next_id, community) for community in sorted(chosen)
                )
                for topic in sorted(
                    set(self.rnd.sample(topics, self.rnd.randrange(1, 3)))
                ):
                    topic_rel.append((next_id, topic))
                size = sizes[position]
                if capacity:
                    size = min(size, capacity)
                invitees = self.rnd.sample(partners, min(size, len(partners)))
                for partner_id in invitees:
                    if state == "held":
                        status = pick(
                            self.rnd,
                            [
                                ("attended", 60),
                                ("declined", 15),
                                ("accepted", 5),
                                ("invited", 20),
                            ],
                        )
                    elif state == "cancelled":
                        status = pick(self.rnd, [("invited", 70), ("declined", 30)])
                    else:
                        status = pick(
                            self.rnd,
                            [("invited", 50), ("accepted", 35), ("declined", 15)],
                        )
                    sent = (
                        start - datetime.timedelta(days=10)
                        if state != "draft"
                        and start - datetime.timedelta(days=10) < self.now
                        else None
                    )
                    invitations.append(
                        (
                            invitation_id,
                            next_id,
                            partner_id,
                            status,
                            sent,
                            company_id,
                            *self.audit(
                                min(start, self.now) - datetime.timedelta(days=12)
                            ),
                        )
                    )
                    invitation_id += 1
                if state == "held":
                    held.append(next_id)
                self.session_start[next_id] = (start, state, index, confidential)
                next_id += 1
            self.held_sessions[index] = held
        self.copier.copy(
            "pcve_safespace_series",
            ("id", "name", "active", "organiser_id", "format", "level", "confidential")
            + ("media_policy", "first_start", "duration", "event_tz", "rrule_type")
            + ("interval", "end_type", "count", "company_id", *self.AUDIT),
            [
                (
                    ref,
                    f"Weekly dialogue table {ref}",
                    True,
                    organiser,
                    "dialogue_circle",
                    "neighbourhood",
                    False,
                    "no_media",
                    datetime.datetime.combine(first, datetime.time(19)),
                    2.0,
                    "Europe/Brussels",
                    "weekly",
                    1,
                    "count",
                    length,
                    self.companies[index],
                    *self.audit(first),
                )
                for ref, first, length, organiser, index in series
            ],
        )
        self.copier.copy(
            "pcve_safespace_session",
            ("id", "name", "description", "invitation_note", "start", "stop")
            + ("venue_id", "format", "level", "includes_majority", "organiser_id")
            + ("moderator_partner_id", "confidential", "media_policy")
            + ("rule_group_delineated", "rule_advance_notice", "rule_moderator_known")
            + ("rule_everyday_topics_first", "attendance_count", "attendance_women")
            + ("attendance_youth", "series_id", "state", "venue_override_reason")
            + ("company_id", "color", *self.AUDIT),
            sessions,
        )
        self.copier.copy(
            community_field.relation,
            (community_field.column1, community_field.column2),
            community_rel,
        )
        self.copier.copy(
            topic_field.relation, (topic_field.column1, topic_field.column2), topic_rel
        )
        self.copier.copy(
            "pcve_safespace_invitation",
            ("id", "session_id", "partner_id", "state", "sent_on", "company_id")
            + self.AUDIT,
            invitations,
        )

    def make_concerns(self):
        next_id = self.next_id("pcve_concern")
        days = int(
            self.env["ir.config_parameter"].get_param(
                "pcve_safespaces.concern_response_days", 30
            )
        )
        rows = []
        for index, company_id in enumerate(self.companies):
            users = self.users[index]
            responsible = users["safespace_user"] + users["organiser"]
            communities = self.communities[index]
            held = self.held_sessions[index]
            for _number in range(self.plan[index]["concerns"]):
                topic = pick(self.rnd, CONCERN_TOPICS)
                raised = self.day()
                place = PLACES[self.rnd.randrange(len(PLACES))]
                age = (self.anchor - raised).days
                if age > 120:
                    state = pick(
                        self.rnd,
                        [
                            ("closed", 55),
                            ("responded", 35),
                            ("in_progress", 7),
                            ("new", 3),
                        ],
                    )
                else:
                    state = pick(
                        self.rnd,
                        [
                            ("closed", 10),
                            ("responded", 30),
                            ("in_progress", 35),
                            ("new", 25),
                        ],
                    )
                responded = response = reported_on = None
                reported = False
                if state in ("responded", "closed"):
                    delay = min(int(self.rnd.expovariate(1 / 20)), age)
                    responded = raised + datetime.timedelta(days=delay)
                    response = (
                        f"<p>The municipality met the residents of {place} and "
                        f"agreed on the next steps.</p><ul><li>Work planned.</li></ul>"
                    )
                    if self.rnd.random() < 0.6:
                        reported = True
                        reported_on = min(
                            responded
                            + datetime.timedelta(days=self.rnd.randrange(0, 15)),
                            self.anchor,
                        )
                session = None
                if held and self.rnd.random() < 0.2:
                    session = held[self.rnd.randrange(len(held))]
                    if self.session_start[session][0].date() > raised:
                        session = None
                rows.append(
                    (
                        next_id,
                        f"{CONCERN_TEXT[topic]} {place}",
                        f"<p>Raised by residents of {place}.</p>",
                        topic,
                        communities[self.rnd.randrange(len(communities))]
                        if self.rnd.random() < 0.85
                        else None,
                        session,
                        raised,
                        responsible[self.rnd.randrange(len(responsible))],
                        response,
                        state,
                        responded,
                        (responded - raised).days if responded else 0,
                        raised + datetime.timedelta(days=days),
                        reported,
                        reported_on,
                        company_id,
                        0,
                        *self.audit(raised),
                    )
                )
                next_id += 1
        self.copier.copy(
            "pcve_concern",
            ("id", "name", "description", "topic", "community_id", "session_id")
            + ("raised_on", "responsible_user_id", "response", "state")
            + ("responded_on", "days_to_response", "response_deadline")
            + ("reported_back", "reported_back_on", "company_id", "color", *self.AUDIT),
            rows,
        )

    def make_crises(self):
        steps = self.env["pcve.crisis.playbook.step"].search([("active", "=", True)])
        next_id = self.next_id("pcve_crisis")
        task_id = self.next_id("pcve_crisis_task")
        line_id = self.next_id("pcve_crisis_team_line")
        crises, tasks, lines, links = [], [], [], []
        used = set()
        for index, company_id in enumerate(self.companies):
            held = self.held_sessions[index]
            count = max(2, round(self.plan[index]["sessions"] / 300))
            organisers = self.users[index]["organiser"]
            free = [session for session in held if session not in used]
            for number in range(count):
                session = free.pop(self.rnd.randrange(len(free)))
                used.add(session)
                start, __, __, confidential = self.session_start[session]
                # the one linked session is the first; open figures only if
                # it is not confidential
                first_open = None if confidential else start
                incident = start - datetime.timedelta(hours=self.rnd.randrange(6, 96))
                linked = [session]
                age = (self.now - incident).days
                state = (
                    "closed" if age > 90 else ("recovery" if age > 20 else "response")
                )
                crises.append(
                    (
                        next_id,
                        f"Incident {number + 1}: tension after an attack",
                        incident,
                        "<p>Graffiti and threats after an attack abroad.</p>",
                        pick(self.rnd, [("low", 20), ("elevated", 50), ("high", 30)]),
                        state,
                        organisers[self.rnd.randrange(len(organisers))],
                        "<p>We stand together: violence has no place here.</p>",
                        start,
                        (start - incident).total_seconds() / 3600,
                        first_open,
                        (first_open - incident).total_seconds() / 3600
                        if first_open
                        else 0.0,
                        company_id,
                        0,
                        *self.audit(incident),
                    )
                )
                links.extend((next_id, session_id) for session_id in linked)
                for step in steps:
                    done = state == "closed" or self.rnd.random() < 0.5
                    tasks.append(
                        (
                            task_id,
                            next_id,
                            step.id,
                            step.name,
                            step.description,
                            step.sequence,
                            step.team,
                            done,
                            (incident + datetime.timedelta(days=2)).date()
                            if done
                            else None,
                            company_id,
                            *self.audit(incident),
                        )
                    )
                    task_id += 1
                for team, mission in (
                    ("practical", "Damaged houses and practical help."),
                    ("media", "Media portrayal of the communities."),
                    ("civic", "Meetings with community leaders."),
                ):
                    lines.append(
                        (
                            line_id,
                            next_id,
                            team,
                            mission,
                            company_id,
                            *self.audit(incident),
                        )
                    )
                    line_id += 1
                next_id += 1
        self.copier.copy(
            "pcve_crisis",
            ("id", "name", "incident_date", "description", "tension_level", "state")
            + ("coordinator_id", "joint_message", "first_session_on")
            + ("hours_to_first_dialogue", "first_open_session_on")
            + ("hours_to_first_open_dialogue", "company_id", "color", *self.AUDIT),
            crises,
        )
        self.copier.copy(
            "pcve_crisis_task",
            ("id", "crisis_id", "step_id", "name", "description", "sequence", "team")
            + ("done", "done_on", "company_id", *self.AUDIT),
            tasks,
        )
        self.copier.copy(
            "pcve_crisis_team_line",
            ("id", "crisis_id", "team", "mission", "company_id", *self.AUDIT),
            lines,
        )
        self.cr.execute(
            "CREATE TEMP TABLE bench_crisis_link (crisis_id int, session_id int)"
        )
        self.copier.copy("bench_crisis_link", ("crisis_id", "session_id"), links)
        self.cr.execute(
            """UPDATE pcve_safespace_session s SET crisis_id = l.crisis_id
                 FROM bench_crisis_link l WHERE l.session_id = s.id"""
        )
        self.cr.execute("DROP TABLE bench_crisis_link")

    # -- generator 4: community kinds, action plans, feedback ----------------
    # These steps read what they need from the database, with their own random
    # stream: the top-up of a generator-3 database writes the same rows.

    def set_group_kinds(self):
        """The kind of each community (a generator-3 database has none)."""
        self.cr.execute("SELECT id, name->>'en_US', is_majority FROM pcve_community")
        rows = [
            (id_, group_kind(name, majority))
            for id_, name, majority in self.cr.fetchall()
        ]
        self._update("pcve_community", "group_kind", "varchar", rows)

    def _update(self, table, column, kind, rows):
        """Set ``column`` of ``table`` from (id, value) rows, through COPY."""
        self.cr.execute(f"CREATE TEMP TABLE bench_update (id int, value {kind})")
        self.copier.copy("bench_update", ("id", "value"), rows)
        self.copier.counts.pop("bench_update")
        self.cr.execute(
            f"UPDATE {table} t SET {column} = u.value"
            " FROM bench_update u WHERE u.id = t.id"
        )
        self.cr.execute("DROP TABLE bench_update")

    def _by_company(self, sql, params=()):
        self.cr.execute(sql, params)
        return dict(self.cr.fetchall())

    def make_action_plans(self):
        """One or two action plans per company: the current one overlaps the
        review's year, an older one is closed; each with a team, a community
        seat, a situational picture and initiatives (as the stage guards
        require to have left their stages)."""
        rnd = self.rnd4
        self.cr.execute(
            "SELECT id, replace(name, 'Gemeente ', '') FROM res_company ORDER BY id"
        )
        companies = self.cr.fetchall()
        partners = self._by_company(
            "SELECT company_id, array_agg(id ORDER BY id) FROM res_partner"
            " WHERE is_company AND active AND company_id IS NOT NULL GROUP BY 1"
        )
        users = self._by_company(
            "SELECT company_id, array_agg(id ORDER BY id) FROM res_users"
            " WHERE active AND NOT share AND id > 2 GROUP BY 1"
        )
        communities = self._by_company(
            "SELECT company_id, array_agg(id ORDER BY id) FROM pcve_community"
            " WHERE active GROUP BY 1"
        )
        sessions = self._by_company(
            "SELECT company_id, array_agg(id ORDER BY id)"
            " FROM pcve_safespace_session WHERE state = 'held' AND start >= %s"
            " GROUP BY 1",
            (add_years(self.anchor, -2),),
        )
        plan_id = self.next_id("pcve_action_plan")
        initiative_id = self.next_id("pcve_action_plan_initiative")
        plans, initiatives, seats, team, plan_communities, links = (
            [] for _ in range(6)
        )
        current_start = add_months(self.anchor, -15)
        periods = [
            (
                current_start,
                add_months(self.anchor, 9),
                ("plan", "implementation", "implementation", "follow_up"),
            ),
            (
                add_months(current_start, -36),
                current_start - datetime.timedelta(days=1),
                ("closed",),
            ),
        ]
        for company_id, city in companies:
            own_partners = partners.get(company_id) or []
            own_users = users.get(company_id) or [1]
            own_sessions = sessions.get(company_id) or []
            count = 1 + (rnd.random() < 0.5)
            for start, end, stages in periods[:count]:
                stage = stages[rnd.randrange(len(stages))]
                closed = stage == "closed"
                name = f"Action plan {city} {start.year}-{end.year}"
                picture = (
                    f"<p>{city}: tensions around the station, newcomers in "
                    "temporary housing, mosque boards and youth work willing.</p>"
                )
                plans.append(
                    (plan_id, company_id, name, stage, start, end, picture)
                    + self.audit(start)
                )
                seats.extend(
                    (plan_id, partner)
                    for partner in sorted(
                        set(rnd.sample(own_partners, min(3, len(own_partners))))
                    )
                )
                team.extend(
                    (plan_id, user)
                    for user in sorted(
                        set(rnd.sample(own_users, min(2, len(own_users))))
                    )
                )
                own_communities = communities.get(company_id) or []
                plan_communities.extend(
                    (plan_id, community)
                    for community in sorted(
                        {own_communities[0]}
                        | set(rnd.sample(own_communities, min(3, len(own_communities))))
                    )
                )
                for _number in range(3 + len(own_partners) // 150):
                    mode = pick(rnd, INITIATIVE_MODES)
                    state = (
                        ("done", "dropped")[rnd.random() < 0.2]
                        if closed
                        else pick(rnd, INITIATIVE_STATES)
                    )
                    open_ = state in ("planned", "running")
                    follow_up = (
                        self.anchor + datetime.timedelta(days=rnd.randint(7, 120))
                        if open_
                        else None
                    )
                    title = INITIATIVES[rnd.randrange(len(INITIATIVES))]
                    place = PLACES[rnd.randrange(len(PLACES))]
                    structure = (
                        own_partners[rnd.randrange(len(own_partners))]
                        if mode != "new" and own_partners
                        else None
                    )
                    if mode != "new" and structure is None:
                        mode = "new"
                    owner_partner = (
                        own_partners[rnd.randrange(len(own_partners))]
                        if own_partners and rnd.random() < 0.4
                        else None
                    )
                    initiatives.append(
                        (initiative_id, plan_id, company_id,
                         own_users[rnd.randrange(len(own_users))], owner_partner,
                         structure, f"{title} {place}", mode, state, follow_up,
                         None, f"Reach the families of {place}.",
                         "No existing offer in the neighbourhood." if mode == "new" else None,
                         rnd.random() < (0.6 if mode == "reuse" else 0.35),
                         follow_up is not None, *self.audit(start))
                    )  # fmt: skip
                    if own_sessions and not closed and state != "planned":
                        links.extend(
                            (initiative_id, session)
                            for session in sorted(
                                set(
                                    rnd.sample(
                                        own_sessions,
                                        min(rnd.randint(0, 3), len(own_sessions)),
                                    )
                                )
                            )
                        )
                    initiative_id += 1
                plan_id += 1
        copy = self.copier.copy
        copy(
            "pcve_action_plan",
            ("id", "company_id", "name", "stage", "period_start", "period_end")
            + ("situational_picture", *self.AUDIT),
            plans,
        )
        copy("pcve_action_plan_team_partner_rel", ("plan_id", "partner_id"), seats)
        copy("pcve_action_plan_team_user_rel", ("plan_id", "user_id"), team)
        copy(
            "pcve_action_plan_community_rel",
            ("plan_id", "community_id"),
            plan_communities,
        )
        copy(
            "pcve_action_plan_initiative",
            ("id", "plan_id", "company_id", "owner_user_id", "owner_partner_id")
            + ("structure_partner_id", "name", "structure_mode", "state")
            + ("follow_up_date", "follow_up_activity_date", "objective")
            + (
                "new_structure_rationale",
                "recurring",
                "follow_up_pending",
                *self.AUDIT,
            ),
            initiatives,
        )
        copy(
            "pcve_action_plan_initiative_session_rel",
            ("initiative_id", "session_id"),
            links,
        )

    def make_feedback(self):
        """Participants' anonymous answers on a share of the sessions held in
        the last two years, which asked for them after the session; written
        by the public user, as the feedback page does."""
        rnd = self.rnd4
        self.cr.execute("SELECT id FROM res_users WHERE login = 'public'")
        public = self.cr.fetchone()[0]
        self.cr.execute(
            "SELECT id, company_id, stop FROM pcve_safespace_session"
            " WHERE state = 'held' AND start >= %s ORDER BY id",
            (add_years(self.anchor, -2),),
        )
        held = self.cr.fetchall()
        next_id = self.next_id("pcve_safespace_feedback")
        rows, requested = [], []
        for session_id, company_id, stop in held:
            if rnd.random() >= FEEDBACK_SHARE:
                continue
            asked = stop + datetime.timedelta(hours=2)
            requested.append((session_id, asked))
            for _answer in range(rnd.randint(*FEEDBACK_ANSWERS)):
                mood = rnd.gauss(3.9, 0.8)
                scores = [
                    max(1, min(5, round(mood + rnd.gauss(0, 0.6)))) for _ in range(5)
                ]
                comment = (
                    FEEDBACK_COMMENTS[rnd.randrange(len(FEEDBACK_COMMENTS))]
                    if rnd.random() < 0.15
                    else None
                )
                when = asked + datetime.timedelta(minutes=rnd.randint(5, 4000))
                rows.append(
                    (next_id, session_id, *scores, company_id, comment,
                     public, when, public, when)
                )  # fmt: skip
                next_id += 1
        self.copier.copy(
            "pcve_safespace_feedback",
            ("id", "session_id", "felt_safe", "could_speak_freely", "trusts_moderator")
            + ("would_come_again", "topic_relevant", "company_id", "comment")
            + self.AUDIT,
            rows,
        )
        self._update(
            "pcve_safespace_session", "feedback_requested_on", "timestamp", requested
        )

    # -- generator 5: the rules added after generator 3 -------------------------
    # Set-based corrections of rows written before, from the database alone:
    # a fresh database and a topped-up generator-4 one get the same rows.

    def trust_volunteer_initiatives(self):
        """A faith volunteer acts only for a partner with a valid collaboration
        level and no open red flag (casework_partners' initiative gate). The
        volunteers of other partners act for one of their company's trusted
        partners, chosen by the membership's id: faith communities first, and
        those whose level is still valid a year past the anchor, so that the
        data set keeps the rule while it is reused."""
        self.cr.execute(
            """
            WITH trusted AS (
                SELECT p.id, p.company_id,
                       rank() OVER (
                           PARTITION BY p.company_id
                           ORDER BY p.pcve_org_type = 'faith_community' DESC,
                                    p.pcve_level_valid_until >= %(lasting)s DESC
                       ) AS tier
                  FROM res_partner p
                 WHERE p.pcve_is_partner AND p.active
                   AND p.pcve_collaboration_level <> 'none'
                   AND p.pcve_level_valid_until >= %(anchor)s
                   AND NOT EXISTS (
                       SELECT 1 FROM pcve_partner_observation o
                        WHERE o.partner_id = p.id
                          AND o.severity = 'red' AND o.state = 'open')
            ), best AS (
                SELECT company_id, array_agg(id ORDER BY id) AS ids
                  FROM trusted WHERE tier = 1 GROUP BY company_id
            )
            UPDATE pcve_case_member m
               SET acting_on_behalf_of_id = b.ids[1 + m.id %% cardinality(b.ids)]
              FROM best b
             WHERE b.company_id = m.company_id AND m.role = 'faith_volunteer'
               AND m.acting_on_behalf_of_id <> ALL (b.ids)
            """,
            {"anchor": self.anchor, "lasting": add_years(self.anchor, 1)},
        )
        self.corrected["pcve_case_member.acting_on_behalf_of_id"] = self.cr.rowcount

    def explain_lower_levels(self):
        """An approval that grants less than the requested level says why
        (partners' approval rule)."""
        self.cr.execute(
            """
            UPDATE pcve_partner_assessment SET decision_rationale = %s
             WHERE state = 'decided' AND outcome = 'approved'
               AND granted_level <> requested_level
               AND trim(coalesce(decision_rationale, '')) = ''
            """,
            (LOWER_LEVEL_RATIONALE,),
        )
        self.corrected["pcve_partner_assessment.decision_rationale"] = self.cr.rowcount

    # -- evaluation and finishing ---------------------------------------------

    def make_reviews(self):
        Review = self.env["pcve.evaluation.review"]
        date_from = add_years(self.anchor, -1) + datetime.timedelta(days=1)
        self.reviews = {}
        for index, company_id in enumerate(self.companies):
            review = Review.create(
                {
                    "name": f"Review {self.company_city[index]} {self.anchor.year}",
                    "date_from": date_from,
                    "date_to": self.anchor,
                    "company_id": company_id,
                    "actors_rating": "4",
                    "actors_answer": "Youth clubs and mosque boards joined.",
                    "working_rating": "3",
                    "credible_rating": "4",
                    "scale_rating": "2",
                    "findings": "<p>Dialogue tables are well attended.</p>",
                }
            )
            self.reviews[index] = review.id
        self.env.flush_all()

    def finish(self):
        self.set_sequences()
        Sequence = self.env["ir.sequence"]
        Sequence.search([("code", "=", "pcve.case")]).number_next = self.case_count + 1
        Sequence.search([("code", "=", "pcve.partner.assessment")]).number_next = (
            self.assessment_count + 1
        )
        self.env.invalidate_all()

    def set_sequences(self):
        """Every id sequence after the rows written with COPY."""
        self.cr.execute(
            """
            SELECT table_name FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name = 'id'
               AND column_default LIKE 'nextval%%'
            """
        )
        for (table,) in self.cr.fetchall():
            self.cr.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" GREATEST((SELECT max(id) FROM {table}), 1))"
            )


# -- database set-up and verification ----------------------------------------


def addons_fingerprint():
    """A hash of the addons' code and data: a database generated or updated
    with other code is updated before it is measured."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "addons").rglob("*")):
        if path.suffix in (".py", ".xml", ".csv") and not {
            "__pycache__",
            "tests",
        } & set(path.parts):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def write_marker(db, marker):
    subprocess.run(
        ["psql", "-d", db, "-qc", (
            f"UPDATE ir_config_parameter SET value = $${json.dumps(marker)}$$"
            f" WHERE key = '{MARKER_KEY}'")],
        check=True,
    )  # fmt: skip


def database_exists(db):
    out = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def read_marker(db):
    """The dataset marker of an existing benchmark database, or None."""
    if not database_exists(db):
        return None
    out = subprocess.run(
        [
            "psql",
            "-d",
            db,
            "-tAc",
            f"SELECT value FROM ir_config_parameter WHERE key = '{MARKER_KEY}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(out.stdout.strip()) if out.stdout.strip() else None
    except ValueError:
        return None


def install(db, port, log):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    with open(log, "w") as handle:
        result = subprocess.run(
            [*ODOO, "-c", CONF, "-d", db, "-i", MODULES]
            + ["--stop-after-init", "--http-port", str(port), "--max-cron-threads=0"]
            + ["--log-level=warn"],
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode:
        sys.exit(f"[generate] installing the addons into {db} failed (log: {log})")


def open_registry(db):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    if not config.get("addons_path") or "pcve" not in str(config.get("addons_path")):
        config.parse_config(["-c", CONF, "--log-level=warn"])
    del odoo
    return Registry(db)


def verify(env, sample=150, seed=7):
    """Recompute a sample of every stored computed field through the ORM and
    compare with what the generator wrote. Returns the differences."""
    from odoo.exceptions import ValidationError

    rnd = random.Random(seed)
    models = [
        "res.partner", "pcve.partner.assessment", "pcve.assessment.criterion.line",
        "pcve.case.member", "pcve.case.plan.item", "pcve.case.meeting",
        "pcve.case.note", "pcve.safespace.session", "pcve.safespace.invitation",
        "pcve.concern", "pcve.venue", "pcve.crisis", "pcve.crisis.task",
        "pcve.crisis.team.line", "mail.activity", "pcve.community",
        "pcve.action.plan.initiative", "pcve.safespace.feedback",
    ]  # fmt: skip
    skip = {("res.partner", "properties"), ("res.partner", "lang")}
    differences = []
    checked = 0
    for name in models:
        Model = env[name].with_context(active_test=False)
        env.cr.execute(f"SELECT id FROM {Model._table} ORDER BY id")
        ids = [row[0] for row in env.cr.fetchall()]
        if not ids:
            continue
        records = Model.browse(sorted(rnd.sample(ids, min(sample, len(ids)))))
        fields_ = [
            field
            for field in Model._fields.values()
            if field.store
            and (field.compute or field.related)
            and (name, field.name) not in skip
            and not field.name.startswith("image_")
        ]
        stored = {
            field.name: {record.id: record[field.name] for record in records}
            for field in fields_
        }
        env.invalidate_all()
        for field in fields_:
            env.add_to_compute(field, records)
        for field in fields_:
            for record in records:
                try:
                    value = record[field.name]
                except ValidationError as error:
                    # recomputing runs the model's constraints on the record
                    differences.append(f"{name}.{field.name} #{record.id}: {error}")
                    env.cr.rollback()
                    env.invalidate_all()
                    break
                before = stored[field.name][record.id]
                checked += 1
                if isinstance(value, float):
                    same = abs((value or 0.0) - (before or 0.0)) < 1e-6
                else:
                    same = value == before
                if not same:
                    differences.append(
                        f"{name}.{field.name} #{record.id}: {before!r} != {value!r}"
                    )
        env.cr.rollback()
        env.invalidate_all()
    differences += check_constraints(env, rnd, sample * 2)
    differences += check_pairing(env)
    return checked, differences


def check_pairing(env):
    """Every team pairs its faith volunteers, from today on, as casework's
    pairing figure (the pairing rule's own view) counts them."""
    from odoo import fields

    companies = env["res.company"].search([])
    figures = (
        env["pcve.case"]
        .with_context(allowed_company_ids=companies.ids)
        ._pcve_pairing_figures([], fields.Date.today())
    )
    if figures["paired"] == figures["with_volunteer"]:
        return []
    return [f"pcve.case: unpaired teams from today on: {figures}"]


def check_constraints(env, rnd, sample):
    """Run the models' own constraints (team pairing, roles, four eyes,
    funding and charter, safe-space rules, capacity, dates) on a sample."""
    from odoo.exceptions import ValidationError

    models = [
        "pcve.case", "pcve.case.member", "pcve.partner.assessment",
        "pcve.agreement", "pcve.safespace.session", "pcve.safespace.invitation",
        "pcve.concern", "pcve.safespace.series", "pcve.crisis",
        "pcve.action.plan", "pcve.action.plan.initiative",
    ]  # fmt: skip
    failures = []
    for name in models:
        Model = env[name].with_context(active_test=False)
        env.cr.execute(f"SELECT id FROM {Model._table} ORDER BY id")
        ids = [row[0] for row in env.cr.fetchall()]
        records = Model.browse(sorted(rnd.sample(ids, min(sample, len(ids)))))
        for record in records:
            try:
                record._validate_fields(Model._fields)
            except ValidationError as error:
                failures.append(f"{name} #{record.id}: {error}")
        env.cr.rollback()
        env.invalidate_all()
    return failures


def generate(db, scale, seed, anchor, port=8262, log=None):
    started = time.monotonic()
    log = log or f"/tmp/{db}-install.log"
    print(f"[generate] installing {MODULES} without demo data into {db}", flush=True)
    install(db, port, log)
    installed = time.monotonic()
    registry = open_registry(db)
    from odoo import SUPERUSER_ID, api

    timings = {"install": round(installed - started, 1)}
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            SUPERUSER_ID,
            {
                "tracking_disable": True,
                "mail_create_nolog": True,
                "mail_create_nosubscribe": True,
                "mail_notrack": True,
                "no_reset_password": True,
            },
        )
        generator = Generator(env, scale, seed, anchor)
        for step in (
            "make_companies", "make_users", "make_communities", "make_partners",
            "make_venues", "make_charters", "make_assessments", "make_cases",
            "make_sessions", "make_concerns", "make_crises", "make_action_plans",
            "make_feedback", *GENERATOR_5_STEPS, "make_reviews", "finish",
        ):  # fmt: skip
            begin = time.monotonic()
            getattr(generator, step)()
            timings[step] = round(time.monotonic() - begin, 1)
            print(f"[generate] {step}: {timings[step]} s", flush=True)
        marker = {
            "scale": scale,
            "seed": seed,
            "anchor": anchor.isoformat(),
            "generator": GENERATOR_VERSION,
            "addons": addons_fingerprint(),
            "companies": generator.companies,
            "bench_users": generator.bench,
            "reviews": {
                "own": generator.reviews[0],
                "largest": generator.reviews[min(1, len(generator.companies) - 1)],
            },
            "rows": generator.copier.counts,
            "corrected": generator.corrected,
        }
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
        cr.commit()
    subprocess.run(["psql", "-d", db, "-qc", "VACUUM ANALYZE"], check=True)
    total = round(time.monotonic() - started, 1)
    marker["seconds"] = total
    marker["timings"] = timings
    write_marker(db, marker)
    print(f"[generate] {db}: {scale} data set written in {total} s", flush=True)
    return marker


# The steps that bring a database of an earlier generator to this one.
GENERATOR_4_STEPS = ("set_group_kinds", "make_action_plans", "make_feedback")
TOP_UP = {
    3: (*GENERATOR_4_STEPS, *GENERATOR_5_STEPS, "set_sequences"),
    4: GENERATOR_5_STEPS,
}


def top_up(db, marker):
    """Bring a generator-3 or -4 database to this generator: only the new
    rows and columns and the corrected ones, in one transaction with the
    marker (run twice, it does nothing the second time). Returns the new
    marker."""
    if marker.get("generator") == GENERATOR_VERSION:
        return marker
    previous = marker.get("generator")
    steps = TOP_UP.get(previous)
    if steps is None:
        sys.exit(f"[generate] {db}: no top-up from generator {previous}")
    started = time.monotonic()
    from odoo import SUPERUSER_ID, api

    anchor = datetime.date.fromisoformat(marker["anchor"])
    with open_registry(db).cursor() as cr:
        # a concurrent top-up waits here, then finds the marker updated
        cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s FOR UPDATE",
            (MARKER_KEY,),
        )
        if json.loads(cr.fetchone()[0]).get("generator") == GENERATOR_VERSION:
            return read_marker(db)
        env = api.Environment(cr, SUPERUSER_ID, {})
        generator = Generator(env, marker["scale"], marker["seed"], anchor)
        timings = {}
        for step in steps:
            begin = time.monotonic()
            getattr(generator, step)()
            timings[step] = round(time.monotonic() - begin, 1)
            print(f"[generate] top-up {db} {step}: {timings[step]} s", flush=True)
        marker = dict(marker, generator=GENERATOR_VERSION)
        marker["rows"] = {**marker.get("rows", {}), **generator.copier.counts}
        marker["corrected"] = generator.corrected
        marker["top_up"] = {"from": previous, "timings": timings}
        marker["top_up"]["seconds"] = round(time.monotonic() - started, 1)
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
        cr.commit()
    subprocess.run(["psql", "-d", db, "-qc", "ANALYZE"], check=True)
    print(f"[generate] {db}: topped up to generator {GENERATOR_VERSION}", flush=True)
    return marker


def main(argv=None):
    os.chdir(ROOT)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--db", help="database name (default bench_<scale>)")
    parser.add_argument(
        "--anchor",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help="the data set's today (default: today)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing database"
    )
    parser.add_argument(
        "--verify", action="store_true", help="check stored computed fields"
    )
    parser.add_argument(
        "--top-up",
        action="store_true",
        help="bring an existing database of an earlier generator to this one",
    )
    parser.add_argument("--port", type=int, default=8262)
    args = parser.parse_args(argv)
    db = args.db or f"bench_{args.scale}"
    if args.top_up:
        marker = read_marker(db)
        if not marker:
            sys.exit(f"[generate] {db}: no benchmark database to top up")
        top_up(db, marker)
        args.force = False
    if not (args.verify or args.top_up) or args.force or not database_exists(db):
        if database_exists(db) and not args.force:
            sys.exit(f"[generate] database {db} exists: use --force to replace it")
        generate(db, args.scale, args.seed, args.anchor, args.port)
    if args.verify:
        from odoo import SUPERUSER_ID, api

        with open_registry(db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            checked, differences = verify(env)
            cr.rollback()
        for line in differences[:40]:
            print(f"[verify] {line}")
        print(
            f"[verify] {checked} stored computed values checked, {len(differences)} differ"
        )
        if differences:
            sys.exit(1)


if __name__ == "__main__":
    main()
