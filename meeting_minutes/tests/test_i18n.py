"""The Simplified Chinese translation (i18n/zh_CN.po) is complete and loads.

1. The shipped zh_CN.po translates every msgid of the shipped template
   (i18n/meeting_minutes.pot), nothing fuzzy, placeholders and markup kept.
2. Every term that Odoo's exporter finds in the addon now (fields, selections,
   views, menus, actions, data records, QWeb reports and mails, Python ``_()``)
   is in the template and translated: the test that fails when a string is added
   without a translation. Fix: re-export the .pot (odoo-bin --i18n-export=...pot
   --modules=meeting_minutes), merge it into zh_CN.po and translate.
3. Once zh_CN is loaded, the user interface and the errors speak Chinese.
"""

import re
from collections import Counter
from datetime import datetime, timedelta

import polib

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "meeting_minutes"
LANG = "zh_CN"

# %(name)s, %s, %d, {{ expression }}
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\{.*?\}\}", re.DOTALL)
# QWeb attributes: t-out="...", t-if="...", t-foreach, t-as, t-att-href, ...
QWEB_ATTRIBUTE_RE = re.compile(r"""\bt-[\w-]+=(?:"[^"]*"|'[^']*')""")
# the markup itself: tags, with their attributes
TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")


def _markup_of(text):
    return (
        Counter(PLACEHOLDER_RE.findall(text)),
        Counter(QWEB_ATTRIBUTE_RE.findall(text)),
        Counter(TAG_RE.findall(text)),
    )


@tagged("post_install", "-at_install")
class TestI18n(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pot = polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))
        cls.po = polib.pofile(file_path(f"{MODULE}/i18n/{LANG}.po"))
        cls.translations = {
            entry.msgid: entry.msgstr for entry in cls.po if not entry.obsolete
        }

    # ------------------------------------------------------------------
    # 1. the shipped files
    # ------------------------------------------------------------------

    def test_po_header(self):
        self.assertEqual(self.po.metadata.get("Language"), LANG)
        self.assertEqual(self.po.metadata.get("Plural-Forms"), "nplurals=1; plural=0;")

    def test_every_template_msgid_translated(self):
        untranslated = [
            entry.msgid
            for entry in self.pot
            if not entry.obsolete and not self.translations.get(entry.msgid, "").strip()
        ]
        self.assertFalse(
            untranslated,
            f"{len(untranslated)} msgids of {MODULE}.pot have no {LANG} translation: "
            f"{untranslated[:20]}",
        )

    def test_no_fuzzy_no_obsolete(self):
        self.assertFalse([e.msgid for e in self.po if "fuzzy" in e.flags])
        self.assertFalse([e.msgid for e in self.po if e.obsolete])
        self.assertFalse([e.msgid for e in self.pot if e.msgstr])

    def test_placeholders_and_markup_kept(self):
        wrong = []
        for entry in self.po:
            if not entry.msgstr:
                continue
            if _markup_of(entry.msgid) != _markup_of(entry.msgstr):
                wrong.append(entry.msgid)
        self.assertFalse(
            wrong, f"placeholders, QWeb attributes or tags differ in: {wrong}"
        )

    def test_python_format_strings_still_format(self):
        """The %-formatted messages format with the same arguments."""
        for entry in self.po:
            if not any(o[0].startswith("code:") for o in entry.occurrences):
                continue
            names = re.findall(r"%\((\w+)\)s", entry.msgid)
            positional = len(re.findall(r"%[sd]", entry.msgid))
            if names:
                args = {name: "X" for name in names}
                self.assertTrue(entry.msgstr % args, entry.msgid)
            elif positional:
                self.assertTrue(entry.msgstr % (("X",) * positional), entry.msgid)

    def test_report_file_name_expressions_compile(self):
        """print_report_name is a translated Python expression."""
        for entry in self.po:
            if any("print_report_name" in o[0] for o in entry.occurrences):
                compile(entry.msgstr, "print_report_name", "eval")

    # ------------------------------------------------------------------
    # 2. the addon as it is now
    # ------------------------------------------------------------------

    def _export_terms(self):
        # source terms only (no lang): zh_CN need not be installed in the database
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE])
        terms = {}
        for module, ttype, name, res_id, source, _value, _comments in reader:
            if module == MODULE:
                terms.setdefault(source, f"{ttype}:{name}:{res_id}")
        return terms

    def test_every_source_term_translated(self):
        terms = self._export_terms()
        self.assertTrue(terms, "the exporter found no term at all")
        pot_msgids = {entry.msgid for entry in self.pot}
        not_in_pot = {s: where for s, where in terms.items() if s not in pot_msgids}
        untranslated = {
            s: where
            for s, where in terms.items()
            if not self.translations.get(s, "").strip()
        }
        self.assertFalse(
            untranslated,
            f"{len(untranslated)} source terms have no {LANG} translation in "
            f"i18n/{LANG}.po (re-export i18n/{MODULE}.pot, merge, translate): "
            f"{list(untranslated.items())[:20]}",
        )
        self.assertFalse(
            not_in_pot,
            f"{len(not_in_pot)} source terms are missing from i18n/{MODULE}.pot "
            f"(re-export it): {list(not_in_pot.items())[:20]}",
        )

    # ------------------------------------------------------------------
    # 3. loaded in the database
    # ------------------------------------------------------------------

    def _load_zh_cn(self):
        self.env["res.lang"]._activate_lang(LANG)
        self.env["ir.module.module"]._load_module_terms(
            [MODULE], [LANG], overwrite=True
        )
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        return self.env(context=dict(self.env.context, lang=LANG))

    def test_loaded_translations(self):
        env = self._load_zh_cn()
        Minutes = env["meeting.minutes"]
        # model, fields, selection
        self.assertEqual(env["ir.model"]._get("meeting.minutes").name, "会议记录")
        fields = Minutes.fields_get(
            ["host_id", "recorder_id", "purpose", "initiating_department_id", "state"]
        )
        self.assertEqual(fields["host_id"]["string"], "主持人")
        self.assertEqual(fields["recorder_id"]["string"], "记录人")
        self.assertEqual(fields["purpose"]["string"], "核心目的")
        self.assertEqual(fields["initiating_department_id"]["string"], "发起部门")
        states = dict(fields["state"]["selection"])
        self.assertEqual(states["draft"], "草稿")
        self.assertEqual(states["approved"], "已批准")
        self.assertEqual(states["cancelled"], "已取消")
        action_states = dict(
            env["meeting.minutes.action"].fields_get(["state"])["state"]["selection"]
        )
        self.assertEqual(action_states["done"], "已完成")
        self.assertEqual(action_states["in_progress"], "进行中")
        self.assertEqual(action_states["delayed"], "延期")
        statement_kinds = dict(
            env["meeting.minutes.statement"].fields_get(["kind"])["kind"]["selection"]
        )
        self.assertEqual(
            set(statement_kinds.values()), {"问题陈述", "不同意见", "共识方向"}
        )
        # menus, actions, activity types, mail templates, views
        self.assertEqual(
            env.ref("meeting_minutes.meeting_minutes_menu_to_approve").name, "待审批"
        )
        self.assertEqual(
            env.ref("meeting_minutes.meeting_minutes_action_menu").name, "待办事项"
        )
        self.assertEqual(
            env.ref("meeting_minutes.mail_activity_type_approve_minutes").name,
            "审批会议记录",
        )
        template = env.ref("meeting_minutes.mail_template_meeting_invitation")
        self.assertIn("会议通知", template.subject)
        self.assertIn("核心目的", str(template.body_html))
        self.assertIn('t-out="minutes.purpose or', str(template.body_html))
        arch = Minutes.get_view(
            env.ref("meeting_minutes.meeting_minutes_view_form").id, "form"
        )["arch"]
        self.assertIn("提交审批", arch)
        self.assertIn("议程与讨论", arch)

    def test_user_error_in_chinese(self):
        env = self._load_zh_cn()
        department = env["hr.department"].create({"name": "市场部"})
        start = datetime(2030, 6, 17, 6, 0)
        meeting = env["meeting.minutes"].create(
            {
                "name": "2030年Q3产品迭代优先级跨部门协调会",
                "purpose": "确定Q3产品迭代优先级",
                "initiating_department_id": department.id,
                "host_id": env.user.id,
                "recorder_id": env.user.id,
                "start": start,
                "stop": start + timedelta(hours=2),
                "location": "301会议室",
            }
        )
        with self.assertRaises(UserError) as error:
            meeting.action_start()
        message = str(error.exception)
        self.assertIn("无法开始", message)
        self.assertIn("草稿", message)
        self.assertIn(meeting.name, message)
        self.assertNotIn("cannot", message)
