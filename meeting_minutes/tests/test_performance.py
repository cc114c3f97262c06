from datetime import date, datetime

from lxml import etree

from odoo.tests import tagged

from .common import MeetingMinutesCase

# the queries of opening a meeting, whatever its number of lines: no more than
# the form of the peer community_meetings 18.0 (README, Benchmarks)
FORM_READ_QUERIES = 21


def form_specification(env, model, view_type="form"):
    """The specification the web client sends to web_read for a view: every field
    of the view, many2one with their display name, x2many with the fields of
    their inline list."""
    view = env[model].get_views([(False, view_type)])["views"][view_type]
    arch = etree.fromstring(view["arch"])
    fields_info = env[model].fields_get()

    def spec_of(node, model_fields, comodel):
        spec = {}
        for field_node in node.iter("field"):
            # only the fields of this level: skip those inside a sub-view
            parent = field_node.getparent()
            while parent is not None and parent is not node and parent.tag != "field":
                parent = parent.getparent()
            if parent is not node and parent is not None:
                continue
            name = field_node.get("name")
            info = model_fields[name]
            if info["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif info["type"] in ("one2many", "many2many"):
                sub_model = env[info["relation"]]
                sub_fields = sub_model.fields_get()
                list_node = field_node.find("list")
                if list_node is not None:
                    spec[name] = {"fields": spec_of(list_node, sub_fields, sub_model)}
                else:
                    spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    return spec_of(arch, fields_info, env[model])


@tagged("post_install", "-at_install")
class TestMeetingPerformance(MeetingMinutesCase):
    """Opening a meeting reads in a number of queries that does not grow with its
    agenda items, statements and action items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.small = cls._make_meeting(agenda=2, statements_per_item=2, actions=2)
        cls.large = cls._make_meeting(agenda=50, statements_per_item=4, actions=100)

    @classmethod
    def _make_meeting(cls, agenda, statements_per_item, actions):
        departments = [cls.dep_marketing, cls.dep_rd, cls.dep_sales]
        owners = [cls.engineer, cls.sales_rep, cls.recorder]
        meeting = cls._create_meeting(
            start=datetime(2026, 6, 15, 6, 0),
            agenda_ids=[
                (
                    0,
                    0,
                    {
                        "name": f"Item {index}",
                        "sequence": index,
                        "statement_ids": [
                            (
                                0,
                                0,
                                {
                                    "department_id": departments[rank % 3].id,
                                    "kind": ("problem", "opinion")[rank % 2],
                                    "content": f"Point {index}.{rank}",
                                },
                            )
                            for rank in range(statements_per_item)
                        ],
                    },
                )
                for index in range(agenda)
            ],
        )
        meeting.resolution_ids = [
            (0, 0, {"content": f"Resolution {i}"}) for i in range(5)
        ]
        cls.env["meeting.minutes.action"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "name": f"Task {index}",
                    "owner_id": owners[index % 3].id,
                    "deadline": date(2026, 7, 1 + index % 28),
                }
                for index in range(actions)
            ]
        )
        return meeting

    def _count_form_read(self, meeting, spec):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        meeting.with_user(self.recorder).web_read(spec)
        return self.cr.sql_log_count - before

    def test_form_read_constant_queries(self):
        self.assertEqual(len(self.large.statement_ids), 200)
        self.assertEqual(len(self.large.action_ids), 100)
        spec = form_specification(self.env, "meeting.minutes")
        self.assertIn("statement_ids", spec)
        self.assertIn("owner_id", spec["action_ids"]["fields"])
        # warm the caches (views, groups, rules) once
        self._count_form_read(self.small, spec)
        small = self._count_form_read(self.small, spec)
        large = self._count_form_read(self.large, spec)
        self.assertEqual(
            (small, large),
            (FORM_READ_QUERIES, FORM_READ_QUERIES),
            f"form read: {small} queries small, {large} large",
        )
        self.env.invalidate_all()
        with self.assertQueryCount(FORM_READ_QUERIES):
            self.large.with_user(self.recorder).web_read(spec)

    def test_action_list_constant_queries(self):
        spec = form_specification(self.env, "meeting.minutes.action", "list")
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        Action.web_search_read([("meeting_id", "=", self.small.id)], spec)
        counts = []
        for meeting in (self.small, self.large):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Action.web_search_read([("meeting_id", "=", meeting.id)], spec)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], f"action list queries: {counts}")

    def test_create_action_items_queries_per_line(self):
        """Adding action items to the minutes costs a fixed number of queries, not a
        number per line."""
        Action = self.env["meeting.minutes.action"].with_user(self.recorder)
        counts = []
        for size in (1, 5, 50):
            meeting = self._create_meeting(start=datetime(2026, 6, 15, 6, 0))
            self.env.flush_all()
            before = self.cr.sql_log_count
            Action.create(
                [
                    {
                        "meeting_id": meeting.id,
                        "name": f"Task {index}",
                        "owner_id": self.engineer.id,
                        "deadline": date(2026, 7, 1),
                    }
                    for index in range(size)
                ]
            )
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2], f"queries for 1, 5, 50 items: {counts}")
