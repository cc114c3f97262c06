"""18.0.1.7.0: an archive code is unique within its company.

Earlier versions filed minutes as ``year-month-topic`` alone, so two meetings of
one topic in one month shared a code. The code now ends with the filing's number
within its year-month-topic (``2026-10-研发部周协调会-02``), and a unique
constraint on ``(archive_code, company_id)`` holds it, which cannot be created
over duplicates: the filed minutes are numbered here, in the order they were
filed, before the constraint is added.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH numbered AS (
            SELECT id,
                   row_number() OVER (
                       PARTITION BY company_id, archive_code
                       ORDER BY archived_on, id
                   ) AS number
              FROM meeting_minutes
             WHERE archive_code IS NOT NULL
        )
        UPDATE meeting_minutes m
           SET archive_code = m.archive_code || '-' || lpad(n.number::text, 2, '0')
          FROM numbered n
         WHERE n.id = m.id
        """
    )
    _logger.info("meeting_minutes 18.0.1.7.0: %s archive codes numbered", cr.rowcount)
