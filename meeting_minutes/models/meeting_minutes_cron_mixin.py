import logging
import threading
from collections import defaultdict

from psycopg2 import DataError, IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import api, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import split_every

_logger = logging.getLogger(__name__)
# records listed in one digest email at most (the rest is counted)
DIGEST_SIZE = 50
# What one company's settings or records can raise in a cron (a delay out of
# range, a refused step, a value the database refuses): that company's batch is
# rolled back and logged, the other companies' records are processed. Anything
# else (a worker killed, a serialization failure) stops the run, which resumes
# with what is left.
DATA_ERRORS = (
    UserError,
    ValueError,
    TypeError,
    ArithmeticError,
    LookupError,
    DataError,
    IntegrityError,
)


class MeetingMinutesCronMixin(models.AbstractModel):
    """Batched scheduled actions: select once, lock, process, commit, report."""

    _name = "meeting.minutes.cron.mixin"
    _description = "Meeting Minutes Batched Scheduled Action"

    @api.model
    def _run_in_batches(self, domain, method, batch_size):
        """Select the ids once, then lock and process one batch at a time. Each batch
        commits (outside tests) and reports its progress, so a crash resumes with
        what is left; rows locked by another worker are skipped, and the domain is
        checked again under the lock, so nothing is done twice. A batch that fails
        on its data (DATA_ERRORS) is rolled back and logged; the next one runs.

        :return: the number of records processed
        """
        return self._process_in_batches(
            [(domain, self.search(domain, order="id").ids)], method, batch_size
        )

    @api.model
    def _run_per_company(self, domain_of, method, batch_size):
        """``_run_in_batches`` company by company: ``domain_of(company)`` is the
        domain of the records due in that company, computed with its settings.
        One company's settings or records never stop another's: a domain that
        cannot be computed, a batch that fails, is logged and skipped.

        :return: the number of records processed
        """
        work = []
        # sudo: the cron serves every company, whichever its user belongs to
        for company_sudo in self.env["res.company"].sudo().search([], order="id"):
            try:
                domain = expression.AND(
                    [[("company_id", "=", company_sudo.id)], domain_of(company_sudo)]
                )
            except DATA_ERRORS:
                _logger.exception(
                    "%s: the records of the company %s (id %s) are skipped: its "
                    "settings cannot be applied",
                    method,
                    company_sudo.name,
                    company_sudo.id,
                )
                continue
            work.append((domain, self.search(domain, order="id").ids))
        return self._process_in_batches(work, method, batch_size)

    @api.model
    def _process_in_batches(self, work, method, batch_size):
        """``work``: [(domain, ids)], the records selected by each domain."""
        total = sum(len(ids) for __, ids in work)
        done = processed = 0
        # tests run in one transaction that must not be committed
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        for domain, ids in work:
            for batch_ids in split_every(batch_size, ids):
                batch = self._lock_batch(batch_ids, method)
                # another worker may have processed them since the search
                batch.invalidate_recordset()
                batch = batch.filtered_domain(domain)
                if batch:
                    try:
                        with self.env.cr.savepoint():
                            getattr(batch, method)()
                    except DATA_ERRORS:
                        _logger.exception(
                            "%s: %s records (ids %s) not processed, the others are",
                            method,
                            len(batch),
                            batch.ids,
                        )
                    else:
                        processed += len(batch)
                done += len(batch_ids)
                self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
                if auto_commit:
                    # a batch done stays done: a crash resumes with what is left
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        return processed

    @api.model
    def _lock_batch(self, batch_ids, method):
        """The records of ``batch_ids`` that no other worker holds, locked."""
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
        return self.browse(locked_ids)

    @api.model
    def _group_by_partner(self, records, partner_of):
        """{partner: records}: who hears of which records (``partner_of(record)``
        gives the partners of one record)."""
        grouped = defaultdict(lambda: records.browse())
        for record in records:
            for partner in partner_of(record):
                grouped[partner] |= record
        return grouped

    @api.model
    def _queue_digests(self, records_by_partner, view_xmlid, subject):
        """One email per person and company, listing the records that concern
        them (``records_by_partner``: partner -> records with a company_id),
        rendered from a compiled QWeb view in the person's language, at most
        DIGEST_SIZE records; each company speaks for its own records (sender,
        name). ``subject(env, company, count)`` gives the subject in that
        language. The number of queries grows with the number of people, not of
        records.

        The view gets ``partner``, ``records`` (in the person's language),
        ``more`` (records not listed) and ``company``."""
        by_partner_company = defaultdict(lambda: self.browse())
        for partner, records in records_by_partner.items():
            for record in records:
                by_partner_company[partner, record.company_id] |= record
        mail_values = []
        for (partner, company), records in by_partner_company.items():
            env = self.with_context(
                lang=partner.lang or company.partner_id.lang, tz=partner.tz
            ).env
            email_from = company.email_formatted or self.env.user.email_formatted
            body = env["ir.qweb"]._render(
                view_xmlid,
                {
                    "partner": partner,
                    "records": records[:DIGEST_SIZE].with_env(env),
                    "more": max(len(records) - DIGEST_SIZE, 0),
                    "company": company,
                },
            )
            mail_values.append(
                {
                    "subject": subject(env, company, len(records)),
                    "body_html": body,
                    "email_from": email_from,
                    # given, so that no alias is looked up for each mail
                    "reply_to": email_from,
                    "recipient_ids": [(4, partner.id)],
                    "message_type": "email_outgoing",
                    "auto_delete": True,
                }
            )
        # sudo: the crons queue mails on behalf of each company, whoever runs them
        return self.env["mail.mail"].sudo().create(mail_values)
