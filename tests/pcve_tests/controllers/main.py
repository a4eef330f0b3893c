from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

# Longest sleep the route below accepts, in seconds.
SLEEP_MAX = 30


class PcveTestsController(http.Controller):
    """Routes that only test databases have (this addon is installed by
    ``make test`` alone)."""

    @http.route("/pcve_tests/sleep", type="http", auth="user", methods=["GET"])
    def sleep(self, seconds="1"):
        """A request that runs in the database for ``seconds`` (at most
        SLEEP_MAX), for the watchdog test (test_watchdog.py). Administrators
        only."""
        if not request.env.user._is_system():
            raise Forbidden()
        request.env.cr.execute("SELECT pg_sleep(%s)", [min(float(seconds), SLEEP_MAX)])
        return "slept"
