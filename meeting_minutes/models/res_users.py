from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _meeting_minutes_demo_lang(self, lang):
        """Demo data: the demo's Chinese colleagues read Odoo in Chinese when the
        database has the language (``make run`` loads it), in English otherwise."""
        if self.env["res.lang"]._lang_get_id(lang):
            self.write({"lang": lang})
