from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)

    def test_staff_opens_community_engagement(self):
        new_test_user(
            self.env,
            login="pcve_tour_staff",
            password="pcve_tour_staff",
            groups="pcve_partners.group_pcve_user",
        )
        self.start_tour("/odoo", "pcve_open_menu", login="pcve_tour_staff")
