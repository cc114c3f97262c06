"""18.0.1.3.0: one invitation per person.

The invitation is now sent to each attendee of the calendar event (the calendar's
own invitation is no longer sent beside it): its template renders a
``calendar.attendee`` (the attendee's language and time zone, the calendar's accept /
decline links and .ics) instead of a ``meeting.minutes``. The template is a noupdate
record: it is loaded again from its data file, alone (the distribution template, which
may have been customised, stays as it is), and so are its translations in every
installed language (a noupdate record's translations are otherwise never overwritten:
the old ones name fields of the minutes and fail on an attendee).
"""

import io
import logging

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_xml_import
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

_logger = logging.getLogger(__name__)
RELOADED = ("mail_template_meeting_invitation",)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    filename = file_path("meeting_minutes/data/mail_template_data.xml")
    root = etree.Element("odoo")
    for record in etree.parse(filename).getroot():
        if record.get("id") in RELOADED:
            root.append(record)
    content = io.BytesIO(etree.tostring(root, encoding="utf-8"))
    content.name = filename
    convert_xml_import(env, "meeting_minutes", content, mode="init", noupdate=True)
    importer = TranslationImporter(cr, verbose=False)
    xmlids = {f"meeting_minutes.{xmlid}" for xmlid in RELOADED}
    for lang in env["res.lang"].get_installed():
        code = lang[0]
        if code == "en_US":
            continue
        for name in (code, code.split("_")[0]):
            try:
                po = file_path(f"meeting_minutes/i18n/{name}.po")
            except FileNotFoundError:
                continue
            importer.load_file(po, code, xmlids=xmlids)
            break
    importer.save(overwrite=True, force_overwrite=True)
    template = env.ref("meeting_minutes.mail_template_meeting_invitation")
    _logger.info(
        "meeting_minutes 18.0.1.3.0: the invitation template renders %s",
        template.model,
    )
