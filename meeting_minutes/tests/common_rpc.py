"""Tests through the client's own path: JSON-RPC as the web client sends it, by
users logged in with their password (``new_test_user`` sets the login as the
password), and the HTTP routes of the addon."""

import json

from odoo.tests.common import HttpCase
from odoo.tools import mute_logger

from .common import warm_up_http
from .common_workflow import MeetingWorkflowCase

# what a clean refusal is: an error the web client shows to the user in a dialog
CLEAN_REFUSALS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.RedirectWarning",
)


class MeetingRpcCase(MeetingWorkflowCase, HttpCase):
    """MeetingWorkflowCase whose attempts go through ``/web/dataset/call_kw``."""

    _rpc_login = None

    @classmethod
    def setUpClass(cls):
        warm_up_http()
        super().setUpClass()

    def login(self, user):
        """A session of ``user`` (logged in once per user and test)."""
        if self._rpc_login != user.login:
            self.authenticate(user.login, user.login)
            self._rpc_login = user.login

    def rpc_raw(self, user, model, method, *args, **kwargs):
        """The decoded JSON-RPC answer of ``model.method(*args, **kwargs)`` called
        by ``user`` through the web client's route (``context`` is a kwarg as the
        client sends it)."""
        self.login(user)
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        # the server logs a refused call: the test asserts the refusal itself
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload).encode(),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(
            response.status_code,
            200,
            f"{model}.{method} by {user.login}: HTTP {response.status_code}",
        )
        # what the request wrote is read again from the database
        self.env.invalidate_all()
        return response.json()

    def rpc(self, user, model, method, *args, **kwargs):
        """The result of a call that must succeed."""
        answer = self.rpc_raw(user, model, method, *args, **kwargs)
        if "error" in answer:
            self.fail(
                f"{model}.{method} by {user.login} refused: "
                f"{answer['error']['data'].get('message')}"
            )
        return answer["result"]

    def assertRpcRefused(self, user, model, method, *args, message=None, **kwargs):
        """The call is refused with an error the client shows (never a traceback
        of a programming error); returns the error's message."""
        answer = self.rpc_raw(user, model, method, *args, **kwargs)
        self.assertIn(
            "error",
            answer,
            f"{model}.{method} by {user.login} was accepted: {answer.get('result')!r}",
        )
        data = answer["error"]["data"]
        self.assertIn(
            data["name"],
            CLEAN_REFUSALS,
            f"{model}.{method} by {user.login}: not a clean refusal\n"
            f"{data.get('debug')}",
        )
        if message:
            self.assertIn(message, data["message"])
        return data["message"]
