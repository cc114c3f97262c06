from . import test_cron
from . import test_meeting_rules
from . import test_access_rights
from . import test_performance
from . import test_workflow
from . import test_tour
from . import test_lock
from . import test_report
