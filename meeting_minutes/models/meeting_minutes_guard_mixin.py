import base64
import binascii
from datetime import date

from odoo import _, api, models, tools
from odoo.exceptions import UserError, ValidationError

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


# what PostgreSQL holds in an id or an integer column
MAX_INT = 2**31 - 1


def is_id(value):
    return type(value) is int and 0 < value <= MAX_INT


def _fits(records, field, value):
    """Whether ``value`` is a value of ``field`` as the web client sends it."""
    if field.type in ("char", "text", "html"):
        return isinstance(value, str)
    if field.type == "selection":
        return value in field.get_values(records.env)
    if field.type == "many2one":
        return is_id(value)
    if field.type in ("one2many", "many2many"):
        return isinstance(value, (list, tuple)) and all(
            _fits_command(command) for command in value
        )
    if field.type == "binary":
        if isinstance(value, bytes):
            return True
        try:
            base64.b64decode(value, validate=True)
        except (TypeError, ValueError, binascii.Error):
            return False
        return True
    if field.type == "integer" and not (
        type(value) in (int, bool) and -MAX_INT - 1 <= value <= MAX_INT
    ):
        return False
    if field.type in ("date", "datetime") and not isinstance(value, (str, date)):
        return False
    try:
        field.convert_to_cache(value, records)
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return False
    return True


def _fits_command(command):
    if is_id(command):
        return True
    if not isinstance(command, (list, tuple)) or not command:
        return False
    kind, *rest = command
    if kind == 0:
        return len(rest) == 2 and isinstance(rest[1], dict)
    if kind == 1:
        return len(rest) == 2 and is_id(rest[0]) and isinstance(rest[1], dict)
    if kind in (2, 3, 4):
        return len(rest) >= 1 and is_id(rest[0])
    if kind == 5:
        return True
    if kind == 6:
        return (
            len(rest) == 2
            and isinstance(rest[1], (list, tuple))
            and all(is_id(id_) for id_ in rest[1])
        )
    return False


def check_values(records, vals):
    """Refuse, with the field's name, a value of the wrong kind (a word as a date,
    a dict as a text, an id out of range, a choice that does not exist) before
    it reaches the database: a clear error instead of a traceback. For the
    records' own ids too."""
    env = records.env
    if not all(is_id(id_) for id_ in records._ids):
        raise ValidationError(
            _(
                "%(ids)s are not ids of %(model)s.",
                ids=records._ids,
                model=records._description,
            )
        )
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or value is False or value is None:
            continue
        if _fits(records, field, value):
            continue
        shown = (value if isinstance(value, str) else repr(value))[:100]
        label = field._description_string(env)
        if field.type == "datetime":
            message = _(
                "%(value)s is not a date and time: give %(field)s as "
                "2026-06-15 09:00:00.",
                value=shown,
                field=label,
            )
        elif field.type == "date":
            message = _(
                "%(value)s is not a date: give %(field)s as 2026-06-15.",
                value=shown,
                field=label,
            )
        else:
            message = _(
                "%(value)s is not a valid value for %(field)s.",
                value=shown,
                field=label,
            )
        raise ValidationError(message)


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
            check_values(cleaned, vals)
            cleaned._check_workflow_values(vals)
        # refused before anything is written when the values say enough, then
        # checked on the records as they are
        cleaned._check_create_values(vals_list)
        records = super(MeetingMinutesGuardMixin, cleaned).create(vals_list)
        records._check_created()
        return records.with_env(self.env)

    def write(self, vals):
        if not is_workflow(self.env):
            check_values(self, vals)
            self._check_write(set(vals) - (MAIL_FIELDS & self._fields.keys()), vals)
        return super().write(vals)

    def ensure_one(self):
        """An action of one record called on none or several (an RPC client
        sends any ids): a clear refusal, not Odoo's "Expected singleton"."""
        if len(self._ids) != 1:
            raise UserError(
                _(
                    "This is done on one record of %(model)s at a time.",
                    model=self._meeting_guard_label(),
                )
            )
        return self

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
        names = sorted(
            self._meeting_workflow_fields & {k for k, v in vals.items() if v}
        )
        if not names:
            return
        defaults = self.default_get(names)
        for name in names:
            if vals[name] != defaults.get(name, False):
                self._raise_workflow_field(name)

    def _check_create_values(self, vals_list):
        """An early refusal, before the insert, of what the values of a create
        already show; never the only check (``_check_created`` is)."""

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
