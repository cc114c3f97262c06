"""18.0.1.8.0: the read-out's digest reads dates by their value.

``_get_read_out_digest`` now hashes a date as its ISO text rather than its
``repr()``. The digests stored before stay what they meant: a meeting whose
resolutions and action items are still those read out (the stored digest
matches the former way of counting) gets the same digest counted the new way;
one whose read-out changed since keeps a digest that matches neither, as it
should (the PDF and the Approval tab say the read-out changed).
"""

import hashlib
import logging

from odoo import SUPERUSER_ID, api, models

_logger = logging.getLogger(__name__)


def _former_digest(meeting):
    """The digest as 18.0.1.7.0 counted it (dates by their repr)."""
    digest = hashlib.sha256()
    for lines in (meeting.resolution_ids, meeting.action_ids):
        names = sorted(lines._meeting_read_out_fields)
        for line in lines.sorted("id"):
            cancelled = "state" in line._fields and line.state == "cancelled"
            digest.update(repr((line._name, line.id, cancelled)).encode())
            for name in names:
                value = line[name]
                if isinstance(value, models.BaseModel):
                    value = sorted(value.ids)
                elif isinstance(value, str):
                    value = " ".join(value.split())
                digest.update(repr((line._name, line.id, name, value)).encode())
    return digest.hexdigest()


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
