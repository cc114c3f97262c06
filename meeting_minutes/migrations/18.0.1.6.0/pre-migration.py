"""18.0.1.6.0: a calendar event holds one set of minutes at most.

Earlier versions let anyone open a second set of minutes on someone else's event
(``calendar.event.action_open_meeting_minutes``). The new unique constraint on
``meeting_minutes.calendar_event_id`` cannot be created over such duplicates:
each event keeps the minutes it points to (``res_model``/``res_id``), else the
oldest; the others lose the link (they stay, without an event), and are logged.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH ranked AS (
            SELECT m.id,
                   row_number() OVER (
                       PARTITION BY m.calendar_event_id
                       ORDER BY (e.res_model = 'meeting.minutes' AND e.res_id = m.id)
                                DESC,
                                m.id
                   ) AS rank
              FROM meeting_minutes m
              JOIN calendar_event e ON e.id = m.calendar_event_id
        )
        UPDATE meeting_minutes
           SET calendar_event_id = NULL
          FROM ranked
         WHERE ranked.id = meeting_minutes.id AND ranked.rank > 1
     RETURNING meeting_minutes.id
        """
    )
    detached = [row[0] for row in cr.fetchall()]
    if detached:
        _logger.warning(
            "meeting minutes %s shared a calendar event with other minutes: "
            "detached from it",
            detached,
        )
