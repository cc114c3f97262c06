import re

from odoo import api, models

from .meeting_minutes_content_mixin import ROOM_SUBCHANNEL

# what a room asks to listen to: "meeting_minutes.room_<meeting id>"
ROOM_CHANNEL_RE = re.compile(r"^meeting_minutes\.room_(\d+)$")


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        channels = list(channels)  # do not alter the client's list
        asked = [c for c in channels if isinstance(c, str) and ROOM_CHANNEL_RE.match(c)]
        for channel in asked:
            channels.remove(channel)
        channels.extend(self._meeting_room_channels(asked))
        return super()._build_bus_channel_list(channels)

    @api.model
    def _meeting_room_channels(self, names):
        """The channels of the rooms asked for, of the meetings the user may read
        (the record rules decide): the others are left out, silently."""
        ids = {int(ROOM_CHANNEL_RE.match(name)[1]) for name in names}
        if not ids or not self.env.user._is_internal():
            return []
        Meeting = self.env["meeting.minutes"]
        if not Meeting.has_access("read"):
            return []
        meetings = Meeting.search([("id", "in", list(ids))])
        return [(meeting, ROOM_SUBCHANNEL) for meeting in meetings]
