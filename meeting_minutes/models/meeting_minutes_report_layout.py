"""How the texts of the minutes fit the rows of the PDF (wkhtmltopdf).

A table row taller than what is left of a page is split by wkhtmltopdf, and the
table head it repeats on the next page is drawn over the rest of the row: the
next statement cannot be read. So no row of the PDF is allowed to be tall: a long
text is cut, at a word (or between two CJK characters), into rows of at most
REPORT_ROW_MAX_LINES lines, each moved whole to the next page when it does not
fit, the head repeated above it."""

import re
from itertools import zip_longest

from odoo import api, models

# a line of the full width of the page holds 95 Latin characters; a CJK
# character counts for two (estimated on the safe side: a row is rather shorter)
REPORT_LINE_CHARS = 95
# a row of the PDF: at most this many estimated lines (a page holds about 45
# real ones, and the estimate counts more lines than are printed)
REPORT_ROW_MAX_LINES = 22
# a line is 19 px, a row's padding 16 px
REPORT_LINE_PX = 19
REPORT_ROW_PADDING_PX = 16

# a CJK character (one token each, a line may break after any of them), a word
# with the blanks after it, or blanks
_TOKEN = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+[^\S\n]*|[^\S\n]+")


def _width(text):
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


class MeetingMinutes(models.Model):
    _inherit = "meeting.minutes"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _report_lines(self, text, share):
        """``text`` cut into the lines it takes in a column of ``share`` of the
        page's width, each paragraph greedily filled word by word (a word longer
        than a line cut where the line ends): (line, ends its paragraph) pairs."""
        per_line = max(1, int(share * REPORT_LINE_CHARS))
        lines = []
        for paragraph in str(text or "").split("\n"):
            line, used = "", 0
            for token in _TOKEN.findall(paragraph):
                width = _width(token.rstrip())
                if line and used + width > per_line:
                    lines.append((line, False))
                    line, used = "", 0
                while width > per_line:
                    # a word wider than the column: cut where the line is full
                    cut, cut_width = 0, 0
                    while cut < len(token) and cut_width + _width(token[cut]) <= (
                        per_line
                    ):
                        cut_width += _width(token[cut])
                        cut += 1
                    lines.append((token[:cut], False))
                    token = token[cut:]
                    width = _width(token.rstrip())
                line += token
                used += _width(token)
            lines.append((line, True))
        return lines

    @api.model
    def _report_chunks(self, text, share, max_lines=REPORT_ROW_MAX_LINES):
        """``text`` in pieces of at most ``max_lines`` lines of its column, in
        order, nothing left out (the blanks where it is cut excepted). A piece
        keeps the text's own line breaks only: the printer wraps the lines."""
        lines = self._report_lines(text, share)
        return [
            "".join(
                line + ("\n" if ends else "")
                for line, ends in lines[start : start + max_lines]
            ).strip()
            for start in range(0, len(lines), max_lines)
        ] or [""]

    @api.model
    def _report_rows(self, *cells):
        """The rows of the PDF one record takes: ``cells`` are its long texts as
        (text, share of the width) pairs; each row holds the next piece of each
        of them ('' once a text is over). The first row is the record's own (its
        short cells are printed there), the others continue it."""
        return [
            list(parts)
            for parts in zip_longest(
                *(self._report_chunks(text, share) for text, share in cells),
                fillvalue="",
            )
        ]

    @api.model
    def _report_keep_px(self, head_px, cells):
        """The height (px) of a table's title, head and first row in the PDF, for
        meeting_minutes.report_keep_with_first_row. ``cells`` is the first row as
        (text, share of the width) pairs; its height is estimated on the safe
        side, a long text taking the REPORT_ROW_MAX_LINES of its first row."""
        lines = 1
        for text, share in cells or []:
            lines = max(lines, len(self._report_lines(text, share)))
        lines = min(lines, REPORT_ROW_MAX_LINES)
        return int(head_px + lines * REPORT_LINE_PX + REPORT_ROW_PADDING_PX)
