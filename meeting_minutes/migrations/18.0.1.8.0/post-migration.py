"""18.0.1.8.0: the read-out's digest reads dates by their value.

``_get_read_out_digest`` now hashes a date as its ISO text rather than its
``repr()``. The digests stored before stay what they meant: a meeting whose
resolutions and action items are still those read out (the stored digest
matches the former way of counting) gets the same digest counted the new way;
one whose read-out changed since keeps a digest that matches neither, as it
should (the PDF and the Approval tab say the read-out changed).
"""

import logging
from datetime import date

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def _former_digest(meeting):
    """The digest as 18.0.1.7.0 counted it: the same, but a date by its repr."""

    def former_value(value):
        return value if isinstance(value, date) else meeting._read_out_value(value)

    return meeting._get_read_out_digest(read_value=former_value)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    meetings = env["meeting.minutes"].search([("read_out_digest", "!=", False)])
    kept = 0
    for meeting in meetings:
        if _former_digest(meeting) == meeting.read_out_digest:
            cr.execute(
                "UPDATE meeting_minutes SET read_out_digest = %s WHERE id = %s",
                (meeting._get_read_out_digest(), meeting.id),
            )
            kept += 1
    _logger.info(
        "meeting_minutes 18.0.1.8.0: %s of %s read-out digests counted again",
        kept,
        len(meetings),
    )
