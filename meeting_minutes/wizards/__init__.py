from . import meeting_minutes_reason_wizard
