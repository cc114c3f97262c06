from odoo import _, api, models, tools
from odoo.exceptions import UserError

# The workflow's own writes carry this object in their context. An RPC client, an
# import or a crafted request sends JSON, which cannot hold it: only our methods
# (or the superuser) write what the workflow decides.
WORKFLOW_TOKEN = object()
WORKFLOW_KEY = "meeting_minutes_workflow"
# a calendar event and its minutes moving each other, without looping
SYNC_KEY = "meeting_minutes_sync"

# chatter and activity bookkeeping written by mail.thread, allowed in every state
MAIL_FIELDS = frozenset(
    {
        "message_main_attachment_id",
        "activity_ids",
        "message_follower_ids",
        "message_ids",
    }
)


def is_workflow(env):
    """True for the workflow's own writes (see WORKFLOW_TOKEN) and the superuser."""
    return env.su or env.context.get(WORKFLOW_KEY) is WORKFLOW_TOKEN


def without_defaults(records, names):
    """``records`` without the context's ``default_<name>`` for ``names``: an RPC
    client sends any context, and a create fills the fields it leaves out from
    it; the workflow's fields are never given that way."""
    context = records.env.context
    keys = {f"default_{name}" for name in names} & context.keys()
    if not keys:
        return records
    # a key is dropped, not overridden: only a whole new context does that
    return records.with_context(  # pylint: disable=context-overridden
        {key: value for key, value in context.items() if key not in keys}
    )


def is_sync(env):
    return env.context.get(SYNC_KEY) is WORKFLOW_TOKEN


class MeetingMinutesGuardMixin(models.AbstractModel):
    """The one guard of the official record, for the minutes and every line model.

    Whoever calls the ORM (a button, an RPC client, an import, another addon):

    - the fields in ``_meeting_workflow_fields`` are written by the workflow's
      methods only (``_workflow()``); a create gives them their default at most;
    - a stored field computed by the addon is computed, never taken from the
      caller: not from the values, not from a ``default_*`` key of the context;
    - what a create made is checked as it is after the create
      (``_check_created``): the line's real meeting, whatever value, default,
      context or command put it there;
    - a write is checked by ``_check_write`` (each model's allowlist).
    """

    _name = "meeting.minutes.guard.mixin"
    _description = "Meeting Minutes Guard"

    # written only by the workflow's methods; in a create, only their default
    _meeting_workflow_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        # the caller's defaults never fill what the addon decides
        cleaned = without_defaults(
            self, self._meeting_workflow_fields | self._meeting_computed_fields()
        )
        if is_workflow(cleaned.env):
            return super(MeetingMinutesGuardMixin, cleaned).create(vals_list)
        computed = cleaned._meeting_computed_fields()
        vals_list = [
            {name: value for name, value in vals.items() if name not in computed}
            for vals in vals_list
        ]
        for vals in vals_list:
            cleaned._check_workflow_values(vals)
        records = super(MeetingMinutesGuardMixin, cleaned).create(vals_list)
        records._check_created()
        return records.with_env(self.env)

    def write(self, vals):
        if not is_workflow(self.env):
            self._check_write(set(vals) - (MAIL_FIELDS & self._fields.keys()), vals)
        return super().write(vals)

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    @tools.ormcache()
    def _meeting_computed_fields(self):
        """The stored fields this model computes (related ones too), which no
        caller gives: those with an inverse or ``readonly=False`` are the user's."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.store
            and field.compute
            and field.readonly
            and not field.inverse
            and name not in models.MAGIC_COLUMNS
        )

    def _check_workflow_values(self, vals):
        """A create may give the workflow fields their default value only."""
        names = sorted(self._meeting_workflow_fields & {k for k, v in vals.items() if v})
        if not names:
            return
        defaults = self.default_get(names)
        for name in names:
            if vals[name] != defaults.get(name, False):
                self._raise_workflow_field(name)

    def _check_created(self):
        """The records just created, as they are (see the class)."""

    def _check_write(self, changed, vals):
        """``changed``: the fields ``vals`` writes, less the chatter's."""
        for name in sorted(changed & self._meeting_workflow_fields):
            self._raise_workflow_field(name)
        protected = (changed - self._fields.keys()) | (
            changed & self._meeting_computed_fields()
        )
        if protected:
            self._raise_not_changeable(protected)

    def _workflow(self):
        """These records in the context of the workflow's own writes."""
        return self.with_context(**{WORKFLOW_KEY: WORKFLOW_TOKEN})

    def _raise_workflow_field(self, name):
        raise UserError(
            _(
                "%(field)s of %(model)s changes only through the buttons of the "
                "workflow.",
                field=self._fields[name]._description_string(self.env),
                model=self._meeting_guard_label(),
            )
        )

    def _meeting_guard_label(self):
        """How the refusals name the records of this model."""
        return self.env["ir.model"]._get(self._name).name

    def _raise_not_changeable(self, names):
        raise UserError(
            _(
                "%(fields)s of %(model)s cannot be changed.",
                fields=", ".join(
                    self._fields[name]._description_string(self.env)
                    if name in self._fields
                    else name
                    for name in sorted(names)
                ),
                model=self._meeting_guard_label(),
            )
        )
