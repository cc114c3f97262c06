"""18.0.1.4.0: compliance reporting and read receipts.

The compliance report reads stamps that earlier versions did not keep: the working
days of notice given at scheduling, the first completion (submission) of the
minutes and the working days from approval to distribution. They are filled here
for the minutes already past those steps, counted as the workflow counts them (the
company's working calendar); ``notice_deadline`` is a new stored computed field,
computed by the ORM. Minutes distributed before this version have no read receipts:
nobody was asked to confirm reading them, so none is created (their read rate is
empty, not zero).
"""

import logging

from odoo import SUPERUSER_ID, api, fields

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Meeting = env["meeting.minutes"].with_context(active_test=False)
    cr.execute(
        "UPDATE meeting_minutes SET completed_on = submitted_on "
        "WHERE completed_on IS NULL AND submitted_on IS NOT NULL"
    )
    scheduled = Meeting.search([("notice_date", "!=", False)])
    for meeting in scheduled:
        meeting._workflow().notice_given_days = meeting._get_notice_working_days(
            meeting.notice_date
        )
    distributed = Meeting.search(
        [("distributed_on", "!=", False), ("approved_on", "!=", False)]
    )
    for meeting in distributed:
        meeting._workflow().distribution_working_days = (
            meeting.company_id._meeting_working_days_between(
                fields.Date.context_today(meeting, meeting.approved_on),
                fields.Date.context_today(meeting, meeting.distributed_on),
            )
        )
    _logger.info(
        "meeting_minutes 18.0.1.4.0: notice stamped on %s minutes, distribution on %s",
        len(scheduled),
        len(distributed),
    )
