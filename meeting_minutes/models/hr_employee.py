from odoo import api, models

# what an employee's reading of minutes by department depends on: the record
# rules of the minutes read the user's employees' departments
DEPARTMENT_ACCESS_FIELDS = frozenset(
    {"department_id", "user_id", "active", "company_id"}
)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if employees.filtered("user_id"):
            self._meeting_minutes_access_changed()
        return employees

    def write(self, vals):
        result = super().write(vals)
        if DEPARTMENT_ACCESS_FIELDS & vals.keys():
            self._meeting_minutes_access_changed()
        return result

    def unlink(self):
        with_users = self.filtered("user_id")
        result = super().unlink()
        if with_users:
            self._meeting_minutes_access_changed()
        return result

    def _meeting_minutes_access_changed(self):
        """A move to another department takes effect at once: the record rules
        evaluated for the former department (Odoo caches them per user, in
        every worker) are computed again."""
        self.env.registry.clear_cache()
