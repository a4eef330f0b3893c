#!/usr/bin/env python3
"""Refuse to start a production server whose configuration gives the database away.

Run by the launcher ``deploy/odoo-start`` (and so by the systemd unit) before
Odoo starts, with the Python that runs Odoo::

    python deploy/check_config.py /etc/odoo/pcve.conf

The file is read by Odoo's own configuration parser, so a value means what it
means to Odoo. Exit status 0 when every rule holds; otherwise 1, and each
broken rule is printed on its own line.
"""

import sys

from odoo.tools.config import configmanager

# Master passwords that an attacker tries first, or that a template leaves behind.
GUESSED_PASSWORDS = ("admin", "", "odoo", "changeme", "@ADMIN_PASSWD@")


def broken_rules(path):
    """The rules of a production configuration that the file at ``path`` breaks."""
    config = configmanager()
    config._parse_config(["-c", path])
    rules = []
    if config["list_db"]:
        rules.append(
            "list_db must be False: the database manager would let anyone list, "
            "create, dump or drop databases"
        )
    stored = config["admin_passwd"]
    if not stored or stored == "admin":
        rules.append(
            "admin_passwd must be set: Odoo's default master password is 'admin'"
        )
    elif not stored.startswith("$pbkdf2-"):
        rules.append(
            "admin_passwd must be a hash (deploy/make_config.sh writes one), "
            "not the password in clear"
        )
    elif any(config.verify_admin_password(guess) for guess in GUESSED_PASSWORDS):
        rules.append("admin_passwd must not be a default or guessable password")
    if not config["proxy_mode"]:
        rules.append(
            "proxy_mode must be True: the server runs behind the reverse proxy"
        )
    if (config["workers"] or 0) < 2:
        rules.append("workers must be 2 or more: production runs in worker mode")
    if not config["dbfilter"]:
        rules.append("dbfilter must be set: each host name serves its own database")
    return rules


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} CONFIG_FILE", file=sys.stderr)
        return 2
    rules = broken_rules(argv[1])
    for rule in rules:
        print(f"refused: {argv[1]}: {rule}", file=sys.stderr)
    return 1 if rules else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
