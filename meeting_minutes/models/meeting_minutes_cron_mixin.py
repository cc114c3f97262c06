import logging
import threading

from psycopg2.errors import SerializationFailure

from odoo import api, models
from odoo.tools import split_every

_logger = logging.getLogger(__name__)


class MeetingMinutesCronMixin(models.AbstractModel):
    """Batched scheduled actions: select once, lock, process, commit, report."""

    _name = "meeting.minutes.cron.mixin"
    _description = "Meeting Minutes Batched Scheduled Action"

    @api.model
    def _run_in_batches(self, domain, method, batch_size):
        """Select the ids once, then lock and process one batch at a time. Each batch
        commits (outside tests) and reports its progress, so a crash resumes with
        what is left; rows locked by another worker are skipped, and the domain is
        checked again under the lock, so nothing is done twice.

        :return: the number of records processed
        """
        ids = self.search(domain, order="id").ids
        done = processed = 0
        # tests run in one transaction that must not be committed
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        for batch_ids in split_every(batch_size, ids):
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        f"SELECT id FROM {self._table} WHERE id IN %s "
                        "FOR UPDATE SKIP LOCKED",
                        [tuple(batch_ids)],
                    )
                    locked_ids = [row[0] for row in self.env.cr.fetchall()]
            except SerializationFailure:
                # another worker changed them since this run's snapshot: theirs
                _logger.info(
                    "%s: %s records processed by another worker, skipped",
                    method,
                    len(batch_ids),
                )
                locked_ids = []
            batch = self.browse(locked_ids)
            # another worker may have processed them since the search
            batch.invalidate_recordset()
            batch = batch.filtered_domain(domain)
            if batch:
                getattr(batch, method)()
            processed += len(batch)
            done += len(batch_ids)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(ids) - done)
            if auto_commit:
                # a batch done stays done: a crash resumes with what is left
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return processed
