from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .meeting_minutes_action import OPEN_STATES

RATE_HELP = (
    "100 when the rule was kept, 0 when it was broken (including a step not done "
    "and already late), empty while the step is still to come; grouped, the rate "
    "in percent."
)

RULE_STATUS = [("kept", "Kept"), ("broken", "Broken"), ("pending", "To Come")]


class MeetingMinutesComplianceReport(models.Model):
    """One row per meeting that is not cancelled: were the standard's time rules
    kept? Read-only, computed by one query from the stamps the workflow writes
    (notice, completion, distribution) and the deadlines it computed with the
    company's working calendar, so the report and the workflow never disagree.
    The query is a ``_table_query`` rather than a database view so that "already
    late" is judged at the ORM's time, the one the workflow uses. Readable where
    the meeting is (see ir_rule.FOLLOWS_MEETING_RULES)."""

    _name = "meeting.minutes.compliance.report"
    _description = "Meeting Minutes Compliance"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "meeting_id"

    meeting_id = fields.Many2one("meeting.minutes", readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Initiating Department", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    state = fields.Selection(
        selection=lambda self: (
            self.env["meeting.minutes"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        string="Status",
        readonly=True,
    )
    notice_ok = fields.Float(
        string="Notice in Time (%)",
        aggregator="avg",
        readonly=True,
        help="Notice given the company's working days before the start. " + RATE_HELP,
    )
    completion_ok = fields.Float(
        string="Minutes Completed in Time (%)",
        aggregator="avg",
        readonly=True,
        help="Minutes completed within the company's hours after the end. " + RATE_HELP,
    )
    distribution_ok = fields.Float(
        string="Minutes Distributed in Time (%)",
        aggregator="avg",
        readonly=True,
        help="Approved minutes distributed within the company's working days. "
        + RATE_HELP,
    )
    meeting_count = fields.Integer(
        string="Meetings", readonly=True, help="Summed: the meetings counted."
    )
    # the numerator and the denominator of each rate, summed when grouped: an
    # auditor reads "2 of 3", not a bare 67 % (nor 100 % for one meeting)
    notice_kept_count = fields.Integer(string="Notice in Time", readonly=True)
    notice_due_count = fields.Integer(
        string="Notice Due",
        readonly=True,
        help="Meetings where the notice rule applies (kept or broken).",
    )
    completion_kept_count = fields.Integer(string="Completed in Time", readonly=True)
    completion_due_count = fields.Integer(
        string="Completion Due",
        readonly=True,
        help="Meetings where the completion rule applies (kept or broken).",
    )
    distribution_kept_count = fields.Integer(
        string="Distributed in Time", readonly=True
    )
    distribution_due_count = fields.Integer(
        string="Distribution Due",
        readonly=True,
        help="Meetings where the distribution rule applies (kept or broken).",
    )
    notice_status = fields.Selection(RULE_STATUS, string="Notice", readonly=True)
    completion_status = fields.Selection(
        RULE_STATUS, string="Completion", readonly=True
    )
    distribution_status = fields.Selection(
        RULE_STATUS, string="Distribution", readonly=True
    )
    rule_broken = fields.Boolean(string="A Rule Broken", readonly=True)
    notice_working_days = fields.Float(
        string="Notice (working days)", aggregator="avg", readonly=True
    )
    completion_hours = fields.Float(
        string="Completion (hours after the end)", aggregator="avg", readonly=True
    )
    distribution_days = fields.Float(
        string="Distribution (working days)", aggregator="avg", readonly=True
    )
    action_count = fields.Integer(string="Action Items", readonly=True)
    action_done_on_time_count = fields.Integer(
        string="Action Items Done by the Deadline", readonly=True
    )
    action_late_count = fields.Integer(
        string="Late Items",
        readonly=True,
        help="Completed after the deadline, or still open past it.",
    )
    action_delayed_count = fields.Integer(string="Delayed Items", readonly=True)
    receipt_count = fields.Integer(string="Recipients", readonly=True)
    read_count = fields.Integer(string="Read", readonly=True)
    read_rate = fields.Float(
        string="Read (%)",
        aggregator="avg",
        readonly=True,
        help="The share of the recipients of the distributed minutes who confirmed "
        "reading them.",
    )
    is_my_department = fields.Boolean(
        compute="_compute_is_my_department", search="_search_is_my_department"
    )

    _depends = {
        "meeting.minutes": [
            "initiating_department_id",
            "company_id",
            "start",
            "stop",
            "tz",
            "state",
            "notice_date",
            "notice_deadline",
            "notice_given_days",
            "completed_on",
            "completion_deadline",
            "approved_on",
            "distribution_deadline",
            "distributed_on",
            "distribution_working_days",
        ],
        "meeting.minutes.action": ["meeting_id", "state", "deadline", "done_date"],
        "meeting.minutes.acknowledgement": ["meeting_id", "acknowledged_on"],
    }

    @api.depends_context("uid")
    def _compute_is_my_department(self):
        departments = self.env.user.employee_ids.department_id
        for row in self:
            row.is_my_department = row.department_id in departments

    def _search_is_my_department(self, operator, value):
        # as the action items' (meeting_minutes_action.py): the filter sends = True
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        departments = self.env.user.employee_ids.department_id.ids
        positive = (operator == "=") == value
        return [("department_id", "in" if positive else "not in", departments)]

    @staticmethod
    def _status_sql(column):
        return SQL(
            "CASE r.%(column)s WHEN 100 THEN 'kept' WHEN 0 THEN 'broken' "
            "ELSE 'pending' END",
            column=SQL.identifier(column),
        )

    @property
    def _table_query(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        kept = SQL(
            """
            CASE WHEN m.notice_date IS NOT NULL THEN
                    CASE WHEN m.notice_given_days >= c.meeting_notice_days
                    THEN 100 ELSE 0 END
                 WHEN m.notice_deadline < %(today)s THEN 0
            END AS notice_ok,
            CASE WHEN m.completed_on IS NOT NULL THEN
                    CASE WHEN m.completed_on <= m.completion_deadline
                    THEN 100 ELSE 0 END
                 WHEN m.state IN ('in_progress', 'confirmed')
                    AND m.completion_deadline < %(now)s THEN 0
            END AS completion_ok,
            CASE WHEN m.distributed_on IS NOT NULL THEN
                    CASE WHEN (m.distributed_on AT TIME ZONE 'UTC'
                               AT TIME ZONE COALESCE(m.tz, 'UTC'))::date
                              <= m.distribution_deadline
                    THEN 100 ELSE 0 END
                 WHEN m.state = 'approved' AND m.distribution_deadline < %(today)s
                 THEN 0
            END AS distribution_ok""",
            today=today,
            now=now,
        )
        return SQL(
            """
            SELECT m.id AS id,
                   m.id AS meeting_id,
                   m.initiating_department_id AS department_id,
                   m.company_id AS company_id,
                   m.start AS date,
                   m.state AS state,
                   1 AS meeting_count,
                   r.notice_ok, r.completion_ok, r.distribution_ok,
                   (COALESCE(r.notice_ok, 0) = 100)::int AS notice_kept_count,
                   (r.notice_ok IS NOT NULL)::int AS notice_due_count,
                   (COALESCE(r.completion_ok, 0) = 100)::int
                        AS completion_kept_count,
                   (r.completion_ok IS NOT NULL)::int AS completion_due_count,
                   (COALESCE(r.distribution_ok, 0) = 100)::int
                        AS distribution_kept_count,
                   (r.distribution_ok IS NOT NULL)::int AS distribution_due_count,
                   %(status_notice)s AS notice_status,
                   %(status_completion)s AS completion_status,
                   %(status_distribution)s AS distribution_status,
                   0 IN (COALESCE(r.notice_ok, 100), COALESCE(r.completion_ok, 100),
                         COALESCE(r.distribution_ok, 100)) AS rule_broken,
                   CASE WHEN m.notice_date IS NOT NULL
                        THEN m.notice_given_days END AS notice_working_days,
                   EXTRACT(EPOCH FROM m.completed_on - m.stop) / 3600.0
                        AS completion_hours,
                   CASE WHEN m.distributed_on IS NOT NULL
                        THEN m.distribution_working_days END AS distribution_days,
                   COALESCE(a.action_count, 0) AS action_count,
                   COALESCE(a.done_on_time, 0) AS action_done_on_time_count,
                   COALESCE(a.late, 0) AS action_late_count,
                   COALESCE(a.delayed, 0) AS action_delayed_count,
                   COALESCE(k.receipt_count, 0) AS receipt_count,
                   COALESCE(k.read_count, 0) AS read_count,
                   CASE WHEN k.receipt_count > 0
                        THEN 100.0 * k.read_count / k.receipt_count END AS read_rate
              FROM meeting_minutes m
              JOIN res_company c ON c.id = m.company_id
              CROSS JOIN LATERAL (SELECT %(kept)s) r
              LEFT JOIN (
                    SELECT meeting_id,
                           COUNT(*) AS action_count,
                           COUNT(*) FILTER (WHERE state = 'done'
                                AND done_date <= deadline) AS done_on_time,
                           COUNT(*) FILTER (WHERE (state = 'done'
                                AND done_date > deadline)
                                OR (state IN %(open)s AND deadline < %(today)s))
                                AS late,
                           COUNT(*) FILTER (WHERE state = 'delayed') AS delayed
                      FROM meeting_minutes_action
                     WHERE state != 'cancelled'
                  GROUP BY meeting_id
              ) a ON a.meeting_id = m.id
              LEFT JOIN (
                    SELECT meeting_id,
                           COUNT(*) AS receipt_count,
                           COUNT(acknowledged_on) AS read_count
                      FROM meeting_minutes_acknowledgement
                  GROUP BY meeting_id
              ) k ON k.meeting_id = m.id
             WHERE m.state != 'cancelled'
            """,
            kept=kept,
            status_notice=self._status_sql("notice_ok"),
            status_completion=self._status_sql("completion_ok"),
            status_distribution=self._status_sql("distribution_ok"),
            open=tuple(OPEN_STATES),
            today=today,
        )
