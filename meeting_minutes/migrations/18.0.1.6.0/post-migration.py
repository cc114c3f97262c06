"""18.0.1.6.0: the calendar events of minutes are private.

An event of minutes carried their purpose, agenda, attendees and room to every
employee; from this version the calendar shows outsiders only that the time is
busy (Odoo's masking of private events), the minutes' readers see it all.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE calendar_event
           SET privacy = 'private'
         WHERE id IN (
               SELECT calendar_event_id
                 FROM meeting_minutes
                WHERE calendar_event_id IS NOT NULL
         )
        """
    )
