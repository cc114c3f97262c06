from datetime import date, datetime

from odoo.tests import Form, tagged

from .common import MeetingMinutesCase


@tagged("post_install", "-at_install")
class TestRecordThroughTheForm(MeetingMinutesCase):
    """The recorder records the seed's example meeting through the form view, in
    one pass, with the view's own onchanges and modifiers."""

    def test_record_the_seed_meeting(self):
        form = Form(self.env["meeting.minutes"].with_user(self.recorder))
        form.name = "2026年Q3产品迭代优先级跨部门协调会"
        form.purpose = "确定Q3产品迭代优先级"
        form.start = datetime(2026, 6, 15, 6, 0)
        self.assertEqual(form.stop, datetime(2026, 6, 15, 7, 0), "one hour by default")
        form.stop = datetime(2026, 6, 15, 8, 30)
        form.location = "总部3楼301会议室"
        form.host_id = self.host
        self.assertEqual(form.host_job_title, "Marketing Manager")
        self.assertEqual(form.recorder_job_title, "Operations Specialist")
        self.assertEqual(form.initiating_department_id, self.dep_marketing)
        form.department_ids.add(self.dep_rd)
        form.department_ids.add(self.dep_sales)
        self.assertIn(self.dep_marketing, form.department_ids[:], "initiating included")
        form.cc_user_ids.add(self.rd_director)
        for user in (self.host, self.recorder, self.engineer):
            with form.attendee_ids.new() as line:
                line.user_id = user
        with form.attendee_ids.new() as line:
            line.user_id = self.sales_rep
            self.assertEqual(line.department_id, self.dep_sales)
            line.attendance = "absent"
            line.absence_reason = "因客户拜访请假,已提前提交书面意见"
            line.written_opinion = "界面优化直接影响客户体验,建议同步开发。"
        with form.agenda_ids.new() as item:
            item.name = "产品迭代功能优先级排序"
        with form.resolution_ids.new() as resolution:
            resolution.content = "Q3产品迭代优先级为:智能推荐→界面优化1.0→数据加密。"
        with form.action_ids.new() as action:
            action.name = "提交智能推荐详细开发计划,报总监审批"
            action.owner_id = self.engineer
            self.assertEqual(action.department_id, self.dep_rd)
            action.deadline = date(2026, 6, 20)
        meeting = form.save()
        # the Discussion button of the agenda line opens the item's statements
        action = meeting.agenda_ids.with_user(self.recorder).action_open_statements()
        item_form = Form(
            meeting.agenda_ids.with_user(self.recorder), view=action["views"][0][0]
        )
        for department, speaker, kind, content in (
            (self.dep_marketing, self.host, "problem", "智能推荐需求占比40%。"),
            (self.dep_rd, self.engineer, "opinion", "智能推荐需2个月开发周期。"),
            (False, False, "consensus", "优先开发智能推荐,界面优化分1.0和2.0。"),
        ):
            with item_form.statement_ids.new() as statement:
                if speaker:
                    statement.speaker_id = speaker
                    self.assertEqual(statement.department_id, department)
                statement.kind = kind
                statement.content = content
        item_form.save()

        self.assertRecordValues(
            meeting,
            [
                {
                    "state": "draft",
                    "attendee_count": 4,
                    "absent_count": 1,
                    "action_count": 1,
                    "open_action_count": 1,
                    "host_job_title": "Marketing Manager",
                }
            ],
        )
        self.assertEqual(
            meeting.department_ids, self.dep_marketing | self.dep_rd | self.dep_sales
        )
        self.assertEqual(len(meeting.statement_ids), 3)
        self.assertEqual(
            meeting.statement_ids.mapped("kind"), ["problem", "opinion", "consensus"]
        )
        self.assertIn(self.rd_director, meeting.member_user_ids)
        self.assertRegex(meeting.reference, r"^MM/2026/\d{4}$")
