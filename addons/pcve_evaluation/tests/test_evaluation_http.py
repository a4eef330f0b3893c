from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import REPORT, EvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationHttp(EvaluationCommon, HttpCase):
    def test_xlsx_route_only_for_managers(self):
        url = f"/report/xlsx/{REPORT}/{self.review.id}"
        self.authenticate("pcve_ev_staff", "pcve_ev_staff")
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"PK"))

        self.authenticate("pcve_ev_manager", "pcve_ev_manager")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))

    def test_reviews_refused_over_rpc(self):
        self.authenticate("pcve_ev_staff", "pcve_ev_staff")
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/pcve.evaluation.review/search_read",
                {
                    "model": "pcve.evaluation.review",
                    "method": "search_read",
                    "args": [[]],
                    "kwargs": {"fields": ["name", "findings"]},
                },
            )
        self.assertIn("AccessError", str(caught.exception))
