"""Cell writing, escaping and statistical disclosure control for the workbook.

Plain Python, no ORM: the report model feeds it figures it computed with
aggregate queries.
"""

import datetime
import re
from html import unescape

from odoo.addons.pcve_base.tools import Disclosure as BaseDisclosure

# A text cell starting with one of these is read as a formula when the
# sheet is exported to CSV and opened again (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
SUPPRESSED = "(suppressed)"
NOT_AVAILABLE = "n/a"
_BLOCK_ENDS = re.compile(
    r"<(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>", re.IGNORECASE
)
_TAGS = re.compile(r"<[^>]*>")
_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")


# Characters a worksheet name cannot hold, and its maximum length.
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_NAME_MAX = 31


def sheet_name(text, taken=()):
    """A valid worksheet name from a (translated) title: at most 31
    characters, none of []:*?/\\, no leading or trailing apostrophe, and
    unique (case-insensitive) among ``taken``."""
    name = " ".join(str(text).translate(SHEET_NAME_FORBIDDEN).split())
    name = name.strip("'")[:SHEET_NAME_MAX].strip().strip("'") or "Sheet"
    used = {other.lower() for other in taken}
    base, number = name, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        number += 1
    return name


def safe_text(value):
    """Text from the database, made harmless: never starts like a formula."""
    text = str(value or "")
    return f" {text}" if text.startswith(FORMULA_PREFIXES) else text


def html_to_text(html):
    """The text of an HTML field for one cell: blocks on lines of their own,
    tags dropped, entities decoded (a regular expression, not an HTML parser:
    the row-level lists convert thousands of these)."""
    if not html:
        return ""
    text = unescape(_TAGS.sub("", _BLOCK_ENDS.sub("\n", html)))
    return _LINE_BREAKS.sub("\n", text).strip()


class Disclosure(BaseDisclosure):
    """Statistical disclosure control of counts that describe people.

    A count between 1 and the threshold is written as ``<threshold+1``; zero
    stays 0 (``pcve_base``'s rule). When a breakdown holds such a cell, its
    total is suppressed too, and so is the smallest cell of every other
    breakdown of the same population, so that no total can be rebuilt to
    reveal the small cell.
    """

    def protect(self, *partitions):
        """Protect breakdowns of one population (each list sums to the total).

        Returns the written breakdowns and the written total.
        """
        written = [[self.cell(value) for value in part] for part in partitions]
        total = sum(partitions[0]) if partitions else 0
        if self.is_small(total):
            return written, self.label
        if not any(isinstance(cell, str) for cells in written for cell in cells):
            return written, total
        for part, cells in zip(partitions, written, strict=True):
            if not any(isinstance(cell, str) for cell in cells):
                nonzero = [(value, index) for index, value in enumerate(part) if value]
                if nonzero:
                    cells[min(nonzero)[1]] = SUPPRESSED
        return written, SUPPRESSED

    def share(self, part, whole):
        """A share of people: hidden when the part or the rest is small."""
        if not whole:
            return NOT_AVAILABLE
        if self.is_small(whole) or self.is_small(part) or self.is_small(whole - part):
            return SUPPRESSED
        return part / whole


class SheetWriter:
    """Writes one worksheet top to bottom."""

    def __init__(self, workbook, formats, name, widths=None, labels=None):
        """``labels`` translate what the writer itself puts in cells: True and
        False, and the SUPPRESSED and NOT_AVAILABLE markers."""
        self.sheet = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.labels = labels or {}
        self.row = 0
        for col, width in enumerate(widths or (40, 18, 18, 18, 18, 18, 18)):
            self.sheet.set_column(col, col, width)
        # Printed (or turned into PDF for a council) one page wide, charts included.
        self.sheet.set_landscape()
        self.sheet.fit_to_pages(1, 0)

    def write_row(self, values, style=None, percent_cols=()):
        for col, value in enumerate(values):
            self._write(col, value, style, col in percent_cols)
        self.row += 1
        return self.row - 1

    def write_rows(self, rows):
        """Write unstyled rows (the row-level lists): text goes straight to
        the sheet, other values as in write_row."""
        write_string = self.sheet.write_string
        for values in rows:
            for col, value in enumerate(values):
                if type(value) is str:
                    write_string(self.row, col, safe_text(value))
                elif value is not None:
                    self._write(col, value, None, False)
            self.row += 1

    def title(self, text):
        self.write_row([text], "title")
        self.row += 1

    def heading(self, *labels):
        self.row += self.row and 1
        return self.write_row(labels, "header")

    def table(self, headers, rows, percent_cols=()):
        self.heading(*headers)
        for values in rows:
            self.write_row(values, percent_cols=percent_cols)

    def _write(self, col, value, style, percent):
        fmt = self.formats.get(style)
        if isinstance(value, bool):
            text = self.labels.get(value, "yes" if value else "no")
            self.sheet.write_string(self.row, col, text, fmt)
        elif value is None:
            self.sheet.write_blank(self.row, col, None, fmt)
        elif isinstance(value, int | float):
            number_fmt = self.formats["percent"] if percent else fmt
            self.sheet.write_number(self.row, col, value, number_fmt)
        elif isinstance(value, datetime.date):
            self.sheet.write_datetime(self.row, col, value, self.formats["date"])
        elif value in (SUPPRESSED, NOT_AVAILABLE):
            self.sheet.write_string(self.row, col, self.labels.get(value, value), fmt)
        else:
            self.sheet.write_string(self.row, col, safe_text(value), fmt)
