from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # the department grants reading its minutes: set by HR, never by the user
        # on their own profile ("Employee Editing")
        return [
            name for name in super().SELF_WRITEABLE_FIELDS if name != "department_id"
        ]

    def _meeting_minutes_demo_lang(self, lang):
        """Demo data: the demo's Chinese colleagues read Odoo in Chinese when the
        database has the language (``make run`` loads it), in English otherwise."""
        if lang in dict(self.env["res.lang"].get_installed()):
            self.write({"lang": lang})
