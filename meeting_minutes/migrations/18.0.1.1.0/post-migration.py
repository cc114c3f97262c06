"""18.0.1.1.0: approved minutes get their first revision, and the distribution email
says which revision it sends.

Before this version the approved PDF was stored at the first print, the
distribution or the archiving. Each approved, distributed or archived meeting whose
PDF was stored keeps that very file: it becomes revision 1, with its SHA-256. Those
approved but never printed get theirs frozen when they are distributed (see
``meeting.minutes._get_approved_report``).
"""

import hashlib
import io
import logging

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_xml_import
from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)
# noupdate records whose definition changed: reloaded from their data file, alone
UPDATED_NOUPDATE_RECORDS = {
    "data/mail_template_data.xml": ("mail_template_minutes_distribution",),
}


def _reload_noupdate_records(env):
    """Load these records of a noupdate file again (the file's other records, which
    may have been customised, stay as they are)."""
    for path, xmlids in UPDATED_NOUPDATE_RECORDS.items():
        filename = file_path(f"meeting_minutes/{path}")
        root = etree.Element("odoo")
        for record in etree.parse(filename).getroot():
            if record.get("id") in xmlids:
                root.append(record)
        content = io.BytesIO(etree.tostring(root, encoding="utf-8"))
        content.name = filename
        convert_xml_import(env, "meeting_minutes", content, mode="init", noupdate=True)


def _legacy_attachment(env, meeting):
    if meeting.approved_report_id:
        return meeting.approved_report_id
    # stored by the report action itself (attachment_use), under this name
    name = f"{meeting.reference or meeting.name}.pdf".replace("/", "-")
    return env["ir.attachment"].search(
        [
            ("res_model", "=", "meeting.minutes"),
            ("res_id", "=", meeting.id),
            ("name", "=", name),
        ],
        order="id",
        limit=1,
    )


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _reload_noupdate_records(env)
    meetings = env["meeting.minutes"].search(
        [
            ("state", "in", ("approved", "distributed", "archived")),
            ("revision_ids", "=", False),
        ]
    )
    frozen = 0
    for meeting in meetings:
        attachment = _legacy_attachment(env, meeting)
        if not attachment:
            continue
        sha256 = hashlib.sha256(attachment.raw or b"").hexdigest()
        env["meeting.minutes.revision"].create(
            {
                "meeting_id": meeting.id,
                "version": 1,
                "approved_by_id": meeting.approved_by_id.id,
                "approved_on": meeting.approved_on,
                "attachment_id": attachment.id,
                "sha256": sha256,
            }
        )
        meeting.write(
            {
                "approved_report_id": attachment.id,
                "approved_report_sha256": sha256,
                "revision_number": 1,
            }
        )
        frozen += 1
    _logger.info(
        "meeting_minutes 18.0.1.1.0: %s approved PDFs kept as revision 1, %s minutes "
        "without a stored PDF (frozen at their distribution)",
        frozen,
        len(meetings) - frozen,
    )
