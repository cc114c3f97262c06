"""18.0.1.6.0: the calendar events of minutes are private; settings bounded.

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
    clamp_settings(cr)


def clamp_settings(cr):
    """The settings got maxima (one company's 100,000,000 days stopped the crons
    of every company): values above them are brought down to them."""
    cr.execute(
        """
        UPDATE res_company
           SET meeting_notice_days = LEAST(meeting_notice_days, 250),
               meeting_completion_hours = LEAST(meeting_completion_hours, 8784),
               meeting_distribution_days = LEAST(meeting_distribution_days, 250),
               meeting_reminder_days = LEAST(meeting_reminder_days, 366),
               meeting_archive_delay_days = LEAST(meeting_archive_delay_days, 3660),
               meeting_retention_years = LEAST(meeting_retention_years, 100),
               meeting_start_lead_minutes = LEAST(meeting_start_lead_minutes, 1440)
        """
    )
