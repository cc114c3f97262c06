from . import meeting_minutes_reason_wizard
from . import meeting_minutes_compliance_wizard
from . import meeting_minutes_sign_wizard
