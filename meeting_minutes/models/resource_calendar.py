from odoo import api, models


def clear_working_days(env):
    """The working days counted on the calendars are cached
    (res.company._meeting_working_days_between): a change of a calendar, of its
    attendances or of a public holiday clears them."""
    env.registry.clear_cache()


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def write(self, vals):
        clear_working_days(self.env)
        return super().write(vals)

    def unlink(self):
        clear_working_days(self.env)
        return super().unlink()


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        clear_working_days(self.env)
        return super().create(vals_list)

    def write(self, vals):
        clear_working_days(self.env)
        return super().write(vals)

    def unlink(self):
        clear_working_days(self.env)
        return super().unlink()


class ResourceCalendarLeaves(models.Model):
    """Only the leaves of no resource (public holidays) count: the time off of
    one person does not clear the working days."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        if not all(vals.get("resource_id") for vals in vals_list):
            clear_working_days(self.env)
        return super().create(vals_list)

    def write(self, vals):
        if not all(self.mapped("resource_id")) or not vals.get("resource_id", True):
            clear_working_days(self.env)
        return super().write(vals)

    def unlink(self):
        if not all(self.mapped("resource_id")):
            clear_working_days(self.env)
        return super().unlink()
