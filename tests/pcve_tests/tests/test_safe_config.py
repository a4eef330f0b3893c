"""The configuration the suite ships and runs with gives no database away.

The shipped ``odoo.conf`` has ``list_db = False``; tools/setup.sh copies it into
the git-ignored ``.stack/odoo.conf`` with a random master password
(``admin_passwd``), and every tool runs Odoo with that copy. Without a master
password Odoo's default is "admin", and the first anonymous visitor of
``/web/database/*`` would set one, then dump or drop any database of the
PostgreSQL server. These tests try that as an anonymous visitor, over the
database manager's routes, JSON-RPC and XML-RPC, against the running server.
"""

import configparser
import os
import secrets
import stat
import xmlrpc.client
from pathlib import Path

from odoo.service import db
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

ROOT = Path(__file__).resolve().parents[3]
GUESSES = ("admin", "")
MUTED = (
    "odoo.service.db",
    "odoo.http",
    "odoo.addons.web.controllers.database",
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.addons.rpc.controllers.jsonrpc",
)


@tagged("post_install", "-at_install", "pcve_security")
class TestSafeConfig(HttpCase):
    def setUp(self):
        super().setUp()
        self.probe = f"pcve_probe_{secrets.token_hex(6)}"
        self.assertNotIn(self.probe, db.list_dbs(True))

    def assertSafe(self):
        """The running server lists no database and has a master password that
        nobody guesses; the probe database was neither created nor restored."""
        self.assertFalse(config["list_db"], "list_db is on")
        self.assertTrue(config["admin_passwd"], "no master password")
        for guess in (*GUESSES, "pcve-attacker"):
            self.assertFalse(
                config.verify_admin_password(guess),
                f"the master password is {guess!r}",
            )
        self.assertNotIn(self.probe, db.list_dbs(True))

    def test_shipped_configuration(self):
        shipped = configparser.ConfigParser()
        shipped.read(ROOT / "odoo.conf")
        self.assertFalse(shipped.getboolean("options", "list_db"))
        self.assertNotIn("admin_passwd", shipped["options"], "a secret in git")

    def test_running_configuration(self):
        """make test runs with the local copy: private, with its own password."""
        running = Path(config["config"]).resolve()
        self.assertNotEqual(running, (ROOT / "odoo.conf").resolve())
        self.assertEqual(
            stat.S_IMODE(os.stat(running).st_mode) & 0o077,
            0,
            f"{running} is readable by others",
        )
        self.assertSafe()

    @mute_logger(*MUTED)
    def test_database_pages_refuse_anonymous(self):
        self.assertSafe()  # before anything is posted
        others = set(db.list_dbs(True)) - {self.env.cr.dbname}
        for page in ("manager", "selector"):
            answer = self.url_open(f"/web/database/{page}")
            self.assertIn("disabled by the administrator", answer.text)
            for name in others:
                self.assertNotIn(f">{name}<", answer.text, f"{page} lists {name}")

        current = self.env.cr.dbname
        posts = {
            "create": {
                "name": self.probe,
                "lang": "en_US",
                "password": "pcve",
                "login": "pcve",
                "phone": "",
                "country_code": "",
            },
            "duplicate": {"name": current, "new_name": self.probe},
            "drop": {"name": self.probe},
            "backup": {"name": current, "backup_format": "zip"},
            "change_password": {"master_pwd_new": "pcve-attacker"},
        }
        for guess in GUESSES:
            for route, data in posts.items():
                answer = self.url_open(
                    f"/web/database/{route}",
                    data={"master_pwd": guess, **data},
                    allow_redirects=False,
                )
                self.assertNotIn(answer.status_code, (301, 302, 303), route)
                self.assertNotIn(
                    "attachment", answer.headers.get("Content-Disposition", ""), route
                )
                self.assertFalse(answer.content.startswith(b"PK"), f"{route}: a dump")
                self.assertSafe()
            answer = self.url_open(
                "/web/database/restore",
                data={"master_pwd": guess, "name": self.probe, "copy": "true"},
                files={"backup_file": ("dump.zip", b"PK\x03\x04", "application/zip")},
                allow_redirects=False,
            )
            self.assertNotIn(answer.status_code, (301, 302, 303), "restore")
            self.assertSafe()

    @mute_logger(*MUTED)
    def test_database_service_refuses_anonymous(self):
        self.assertSafe()
        answer = self.url_open(
            "/web/database/list",
            json={"jsonrpc": "2.0", "method": "call", "params": {}},
        ).json()
        self.assertIn("error", answer)
        self.assertNotIn("result", answer)
        answer = self.url_open(
            "/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": "db", "method": "list", "args": []},
            },
        ).json()
        self.assertIn("error", answer)
        self.assertNotIn("result", answer)

        current = self.env.cr.dbname
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_db.list()
        for guess in GUESSES:
            calls = {
                "create_database": (
                    guess,
                    self.probe,
                    False,
                    "en_US",
                    "pcve",
                    "pcve",
                    "BE",
                    "",
                ),
                "duplicate_database": (guess, current, self.probe),
                "dump": (guess, current, "zip"),
                "restore": (guess, self.probe, "UEsDBA==", True),
                "drop": (guess, self.probe),
                "rename": (guess, self.probe, f"{self.probe}_2"),
                "change_admin_password": (guess, "pcve-attacker"),
            }
            for method, params in calls.items():
                with self.subTest(method=method, guess=guess):
                    with self.assertRaises(xmlrpc.client.Fault):
                        getattr(self.xmlrpc_db, method)(*params)
                    self.assertSafe()
