from odoo.tests import BaseCase, tagged

from ..report.workbook_tools import (
    SUPPRESSED,
    Disclosure,
    html_to_text,
    safe_text,
    sheet_name,
)


@tagged("post_install", "-at_install")
class TestWorkbookTools(BaseCase):
    def test_small_counts_and_zero(self):
        disclosure = Disclosure(4)
        self.assertEqual(
            [disclosure.cell(value) for value in range(7)],
            [0, "<5", "<5", "<5", "<5", 5, 6],
        )
        self.assertEqual(Disclosure(9).cell(7), "<10")

    def test_total_revealing_a_cell_is_suppressed(self):
        disclosure = Disclosure(4)
        (by_stage, by_source), total = disclosure.protect([10, 3, 0], [7, 6])
        self.assertEqual(by_stage, [10, "<5", 0])
        # The other breakdown would rebuild the total: its smallest cell goes.
        self.assertEqual(by_source, [7, SUPPRESSED])
        self.assertEqual(total, SUPPRESSED)

    def test_no_small_cell_keeps_total(self):
        (cells,), total = Disclosure(4).protect([10, 5, 0])
        self.assertEqual((cells, total), ([10, 5, 0], 15))

    def test_small_total(self):
        (cells,), total = Disclosure(4).protect([2, 1, 0])
        self.assertEqual((cells, total), (["<5", "<5", 0], "<5"))

    def test_share_of_few_people_is_hidden(self):
        disclosure = Disclosure(4)
        self.assertEqual(disclosure.share(20, 20), 1)
        self.assertEqual(disclosure.share(17, 20), SUPPRESSED)
        self.assertEqual(disclosure.share(3, 3), SUPPRESSED)
        self.assertEqual(disclosure.share(0, 0), "n/a")

    def test_safe_text(self):
        for text in ("=1+1", "+31 6", "-2", "@SUM(A1)", "\t=x"):
            self.assertEqual(safe_text(text), " " + text)
        self.assertEqual(safe_text("Riverside"), "Riverside")
        self.assertEqual(safe_text(False), "")

    def test_sheet_names_are_valid(self):
        self.assertEqual(sheet_name("Summary"), "Summary")
        name = sheet_name("Reaktion auf Krisen und Spannungen in der Gemeinde")
        self.assertEqual(name, "Reaktion auf Krisen und Spannun")
        self.assertEqual(len(name), 31)
        self.assertEqual(sheet_name("Cases [a/b]: *new*? \\x"), "Cases a b new x")
        self.assertEqual(sheet_name("'Quoted'"), "Quoted")
        self.assertEqual(sheet_name("summary", ["Summary"]), "summary (2)")
        self.assertEqual(
            sheet_name(name, [name, name[:27] + " (2)"]), name[:27] + " (3)"
        )
        self.assertEqual(sheet_name(" [] "), "Sheet")

    def test_html_to_text(self):
        self.assertEqual(
            html_to_text(
                "<p>We met the <b>residents</b>.</p><p>Lights&nbsp;fixed &lt;soon&gt;"
                "<br/>Thanks</p><ul><li>One</li><li>Two</li></ul>"
            ),
            "We met the residents.\nLights\xa0fixed <soon>\nThanks\nOne\nTwo",
        )
        self.assertEqual(html_to_text("<p><br></p>"), "")
        self.assertEqual(html_to_text(False), "")
