{
    "name": "Meeting Minutes",
    "summary": "Cross-department coordination meetings: agenda, minutes by department, "
    "resolutions, action items, approval, distribution, reminders and archiving",
    "version": "18.0.1.3.0",
    "category": "Productivity",
    "website": "https://github.com/meeting-minutes/meeting_minutes",
    "author": "meeting_minutes developers",
    "license": "LGPL-3",
    "depends": ["mail", "calendar", "hr"],
    "data": [
        "security/meeting_minutes_groups.xml",
        "security/ir.model.access.csv",
        "security/meeting_minutes_security.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/mail_digest_templates.xml",
        "data/ir_cron_data.xml",
        "report/meeting_minutes_reports.xml",
        "report/meeting_minutes_templates.xml",
        "report/meeting_minutes_action_templates.xml",
        "views/meeting_minutes_views.xml",
        "views/meeting_minutes_action_views.xml",
        "views/meeting_minutes_agenda_views.xml",
        "views/meeting_minutes_reason_wizard_views.xml",
        "views/calendar_event_views.xml",
        "views/res_config_settings_views.xml",
        "views/meeting_minutes_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "meeting_minutes/static/src/scss/meeting_minutes_backend.scss",
        ],
        "web.assets_tests": [
            "meeting_minutes/static/tests/tours/*.js",
        ],
        "web.report_assets_common": [
            "meeting_minutes/static/src/scss/meeting_minutes_report.scss",
        ],
    },
    "demo": [
        "demo/meeting_minutes_demo.xml",
    ],
    "application": True,
    "installable": True,
}
