import re

from odoo import http
from odoo.http import request

# what the receipts' tokens are made of (secrets.token_urlsafe): anything else,
# a NUL byte, a path, a megabyte, is no token and never reaches the database
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,128}")


class MeetingMinutesController(http.Controller):
    """The read-receipt link of the distribution email, for recipients who read
    their mail outside Odoo: no login. The link shows the minutes' title and a
    button; only the button (a POST) marks the receipt, so that a mail scanner
    opening the link confirms nothing."""

    def _get_receipt(self, token):
        if not token or not TOKEN_PATTERN.fullmatch(token):
            return request.env["meeting.minutes.acknowledgement"]
        return (
            request.env["meeting.minutes.acknowledgement"]
            .sudo()
            .search([("access_token", "=", token)], limit=1)
        )

    def _render(self, receipt, status):
        lang = receipt.partner_id.lang or request.env.lang or "en_US"
        env = request.env(context=dict(request.env.context, lang=lang))
        content = (
            env["ir.ui.view"]
            .sudo()
            ._render_template(
                "meeting_minutes.acknowledge_page",
                {
                    "receipt": receipt.with_env(env).sudo(),
                    "meeting": receipt.meeting_id.with_env(env).sudo(),
                    "status": status,
                    "company": receipt.company_id or env.company,
                    "csrf_token": request.csrf_token(),
                },
            )
        )
        return request.make_response(
            content,
            headers=[("Content-Type", "text/html; charset=utf-8")],
            status=404 if status == "invalid" else 200,
        )

    @http.route(
        "/meeting_minutes/acknowledge/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def acknowledge_page(self, token, **kwargs):
        receipt = self._get_receipt(token)
        if not receipt:
            return self._render(receipt, "invalid")
        if not receipt._can_acknowledge():
            return self._render(receipt, "revising")
        return self._render(receipt, "already" if receipt.acknowledged_on else "ask")

    @http.route(
        "/meeting_minutes/acknowledge/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
    )
    def acknowledge(self, token, **kwargs):
        receipt = self._get_receipt(token)
        if not receipt:
            return self._render(receipt, "invalid")
        if not receipt._can_acknowledge():
            return self._render(receipt, "revising")
        if receipt.acknowledged_on:
            return self._render(receipt, "already")
        receipt._acknowledge()
        return self._render(receipt, "done")
