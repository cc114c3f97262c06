from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _meeting_minutes_demo_lang(self, lang):
        """Demo data: the demo's Chinese colleagues read Odoo in Chinese when the
        database has the language (``make run`` loads it), in English otherwise."""
        if lang in dict(self.env["res.lang"].get_installed()):
            self.write({"lang": lang})
