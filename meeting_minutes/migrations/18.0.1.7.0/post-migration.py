"""18.0.1.7.0: the participating departments follow the attendees.

``meeting_minutes.department_ids`` now adds the department of every attendee
(and the initiating one) as lines are saved. Minutes still open (draft,
scheduled, in progress) get the departments their attendees already bring;
minutes confirmed on the spot and later are an official record and keep the
departments they were confirmed with.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        INSERT INTO meeting_minutes_department_rel (meeting_id, department_id)
        SELECT DISTINCT a.meeting_id, a.department_id
          FROM meeting_minutes_attendee a
          JOIN meeting_minutes m ON m.id = a.meeting_id
         WHERE m.state IN ('draft', 'scheduled', 'in_progress')
           AND a.department_id IS NOT NULL
        ON CONFLICT DO NOTHING
        """
    )
    _logger.info(
        "meeting_minutes 18.0.1.7.0: %s departments of attendees added to open minutes",
        cr.rowcount,
    )
