/** @odoo-module **/

import {Component, onMounted, onWillStart, onWillUnmount, useState} from "@odoo/owl";
import {ConnectionLostError, RPCError} from "@web/core/network/rpc";
import {DateTimeInput} from "@web/core/datetime/datetime_input";
import {RecordSelector} from "@web/core/record_selectors/record_selector";
import {_t} from "@web/core/l10n/translation";
import {formatList} from "@web/core/l10n/utils/format_list";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
    serializeDate,
} from "@web/core/l10n/dates";
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

// the notification the server sends on a meeting's channel when one of its
// statements, resolutions or action items changes (models/meeting_minutes_content_mixin.py
// _room_notify) or the minutes' state does (models/meeting_minutes_room.py)
const UPDATE = "meeting_minutes.room_update";
const RETRY_DELAY = 3000;
const DAY_MS = 24 * 3600 * 1000;
// the app the room belongs to, shown in the navbar however the room was opened
const APP_MENU = "meeting_minutes.meeting_minutes_menu_root";

/** A duration as a clock: "12:05" (minutes:seconds), or with ``withHours``
 * (and past an hour) "1:12:05", so that two clocks side by side read alike. */
function formatDuration(ms, withHours = false) {
    const total = Math.max(Math.floor(ms / 1000), 0);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const pad = (value) => String(value).padStart(2, "0");
    return hours || withHours
        ? `${hours}:${pad(minutes)}:${pad(seconds)}`
        : `${pad(minutes)}:${pad(seconds)}`;
}

/** The title of a server's refusal: a rule of the minutes says no (what was
 * typed is kept, as for any error), the user may not do it, or it failed. */
function errorTitle(error) {
    const name = error.exceptionName || error.data?.name || "";
    if (/AccessError|AccessDenied/.test(name)) {
        return _t("Not allowed");
    }
    if (/UserError|ValidationError/.test(name)) {
        return _t("Refused by a rule: your text is kept");
    }
    return _t("Not saved");
}

/**
 * The live meeting room: the agenda, the current item with one lane per
 * participating department, its consensus, resolutions and action items. Every
 * write goes through the ORM (the server's rules apply); the bus tells the other
 * rooms open on the meeting to read it again.
 */
export class MeetingRoom extends Component {
    static template = "meeting_minutes.MeetingRoom";
    static components = {DateTimeInput, RecordSelector};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.busService = useService("bus_service");
        this.notification = useService("notification");
        this.action = useService("action");
        this.menu = useService("menu");
        const params = this.props.action.params || {};
        const context = this.props.action.context || {};
        this.meetingId = params.meeting_id || context.active_id || false;
        this.channel = `meeting_minutes.room_${this.meetingId}`;
        this.state = useState({
            data: null,
            selectedId: false,
            // typed text, by key: kept until the server has it
            drafts: {},
            pending: 0,
            savedAt: false,
            offline: false,
            readOut: false,
            flagged: {},
            now: Date.now(),
        });
        // the time spent on each agenda item, and since when the current one runs
        this.elapsed = {};
        this.selectedAt = Date.now();
        this.retries = new Map();
        this.onUpdate = this.onUpdate.bind(this);
        this.onBeforeUnload = this.onBeforeUnload.bind(this);
        onWillStart(() => this.load());
        onMounted(() => {
            // opened by its URL, the room still shows its app in the navbar
            const app = this.menu.getAll().find((menu) => menu.xmlid === APP_MENU);
            if (app) {
                this.menu.setCurrentMenu(app);
            }
            this.ticker = setInterval(() => (this.state.now = Date.now()), 1000);
            browser.addEventListener("beforeunload", this.onBeforeUnload);
            if (this.meetingId) {
                this.busService.subscribe(UPDATE, this.onUpdate);
                this.busService.addChannel(this.channel);
            }
        });
        onWillUnmount(() => {
            browser.removeEventListener("beforeunload", this.onBeforeUnload);
            clearInterval(this.ticker);
            clearTimeout(this.reloadTimeout);
            clearTimeout(this.retryTimeout);
            if (this.meetingId) {
                this.busService.unsubscribe(UPDATE, this.onUpdate);
                this.busService.deleteChannel(this.channel);
            }
        });
    }

    // ------------------------------------------------------------------
    // data
    // ------------------------------------------------------------------

    async load() {
        if (!this.meetingId) {
            return;
        }
        const data = await this.orm.call("meeting.minutes", "get_room_data", [
            [this.meetingId],
        ]);
        this.ensureDrafts(data);
        this.warnIfAskedAgain(data);
        this.state.data = data;
        const ids = data.agenda.map((item) => item.id);
        if (!ids.includes(this.state.selectedId)) {
            // after a reload (F5), the item the user was on
            const kept = parseInt(browser.sessionStorage.getItem(this.storageKey), 10);
            this.state.selectedId = ids.includes(kept) ? kept : ids[0] || false;
            this.selectedAt = Date.now();
        }
    }

    get storageKey() {
        return `meeting_minutes.room_${this.meetingId}.item`;
    }

    /** The read-out changed after the user confirmed or objected: the server
     * cleared their decision; tell them why their line waits again. */
    warnIfAskedAgain(data) {
        const before =
            this.state.data && this.state.data.confirmations.find((a) => a.is_me);
        const after = data.confirmations.find((a) => a.is_me);
        if (
            before &&
            after &&
            (before.confirmed || before.objection) &&
            !after.confirmed &&
            !after.objection &&
            data.read_out_version !== this.state.data.read_out_version
        ) {
            this.notification.add(
                _t(
                    "The resolutions or action items changed: read them again, then confirm or object."
                ),
                {type: "warning", sticky: true}
            );
        }
    }

    get waitingTitle() {
        return _t("Every present attendee confirms or objects first.");
    }

    onUpdate(payload) {
        if (!payload || payload.meeting_id !== this.meetingId) {
            return;
        }
        // several lines saved at once: read once
        clearTimeout(this.reloadTimeout);
        this.reloadTimeout = setTimeout(() => this.reload(), 250);
    }

    async reload() {
        try {
            await this.load();
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.state.offline = true;
        }
    }

    get data() {
        return this.state.data;
    }

    get canEdit() {
        return Boolean(this.data && this.data.can_edit);
    }

    get currentItem() {
        return (
            (this.data &&
                this.data.agenda.find((i) => i.id === this.state.selectedId)) ||
            null
        );
    }

    get kinds() {
        return this.data ? this.data.kinds : [];
    }

    get allResolutions() {
        if (!this.data) {
            return [];
        }
        return [
            ...this.data.agenda.flatMap((item) =>
                item.resolutions.map((r) => ({...r, item: item.name}))
            ),
            ...this.data.resolutions.map((r) => ({...r, item: ""})),
        ];
    }

    get allActions() {
        if (!this.data) {
            return [];
        }
        return [
            ...this.data.agenda.flatMap((item) => item.actions),
            ...this.data.actions,
        ];
    }

    /** The company's colloquialisms found in ``text`` (the submission refuses
     * them): shown as the recorder types, never blocking. */
    colloquialismsIn(text) {
        const lowered = (text || "").toLowerCase();
        if (!lowered || !this.data) {
            return [];
        }
        return (this.data.colloquialisms || []).filter((word) =>
            lowered.includes(word.toLowerCase())
        );
    }

    kindLabel(kind) {
        const found = this.kinds.find(([value]) => value === kind);
        return found ? found[1] : kind;
    }

    actionStateLabel(state) {
        const found = (this.data ? this.data.action_states : []).find(
            ([value]) => value === state
        );
        return found ? found[1] : state;
    }

    /** Text typed and not saved yet (a draft, or a save under way). */
    get hasUnsavedText() {
        return (
            this.state.pending > 0 ||
            Object.values(this.state.drafts).some((draft) => (draft.text || "").trim())
        );
    }

    /** A reload (F5) or a closed tab would lose what is typed: the browser asks
     * first. */
    onBeforeUnload(ev) {
        if (this.hasUnsavedText) {
            ev.preventDefault();
            ev.returnValue = "";
        }
    }

    /** A draft for every input of the room, made before rendering it. */
    ensureDrafts(data) {
        const drafts = this.state.drafts;
        const make = (key, defaults = {}) => {
            if (!drafts[key]) {
                drafts[key] = {text: "", kind: "problem", ...defaults};
            }
            return drafts[key];
        };
        for (const item of data.agenda) {
            for (const lane of item.lanes) {
                make(`lane_${item.id}_${lane.department_id}`);
            }
            make(`consensus_${item.id}`, {kind: "consensus"});
            // departmentIds: null until the recorder picks them, the item's
            // participating departments until then
            make(`resolution_${item.id}`, {departmentIds: null});
            const action = make(`action_${item.id}`, {
                ownerId: false,
                deadline: "",
                resolutionId: false,
            });
            const ids = item.resolutions.map((r) => r.id);
            if (!ids.includes(action.resolutionId)) {
                action.resolutionId = ids.length ? ids[ids.length - 1] : false;
            }
        }
    }

    draft(key) {
        return this.state.drafts[key];
    }

    laneDraft(item, lane) {
        return this.draft(`lane_${item.id}_${lane.department_id}`);
    }

    consensusDraft(item) {
        return this.draft(`consensus_${item.id}`);
    }

    resolutionDraft(item) {
        return this.draft(`resolution_${item.id}`);
    }

    /** The departments a new resolution of the item binds: those the recorder
     * picked, or every participating department. */
    resolutionDepartmentIds(item) {
        const draft = this.resolutionDraft(item);
        if (draft.departmentIds) {
            return draft.departmentIds;
        }
        return item.lanes
            .filter((lane) => lane.participating)
            .map((lane) => lane.department_id);
    }

    /** Names joined as the user's language joins them (、 in Chinese). */
    joinNames(names) {
        return formatList(names);
    }

    /** The departments shown as toggles under a resolution: the item's
     * participating departments, then any other department it binds. */
    departmentChoices(item, boundIds, boundNames = []) {
        const choices = item.lanes
            .filter((lane) => lane.participating)
            .map((lane) => ({
                id: lane.department_id,
                name: lane.department,
                bound: boundIds.includes(lane.department_id),
            }));
        boundIds.forEach((id, index) => {
            if (!choices.some((choice) => choice.id === id)) {
                choices.push({id, name: boundNames[index] || "", bound: true});
            }
        });
        return choices;
    }

    toggleResolutionDepartment(item, departmentId) {
        const ids = this.resolutionDepartmentIds(item);
        this.resolutionDraft(item).departmentIds = ids.includes(departmentId)
            ? ids.filter((id) => id !== departmentId)
            : [...ids, departmentId];
    }

    /** A saved resolution binds one department more or one less. */
    async toggleBoundDepartment(resolution, departmentId) {
        if (!this.canEdit) {
            return;
        }
        const command = resolution.department_ids.includes(departmentId)
            ? [3, departmentId]
            : [4, departmentId];
        await this.save(
            `resolution_departments_${resolution.id}`,
            () =>
                this.orm.write("meeting.minutes.resolution", [resolution.id], {
                    department_ids: [command],
                }),
            () => this.toggleBoundDepartment(resolution, departmentId)
        );
    }

    actionDraft(item) {
        return this.draft(`action_${item.id}`);
    }

    /** The deadline of the draft for Odoo's date input (a luxon date). */
    deadlineValue(draft) {
        return draft.deadline ? deserializeDate(draft.deadline) : false;
    }

    /** The date picked or typed in the user's format, kept as the server's
     * "2026-12-10". */
    setActionDeadline(item, value) {
        this.actionDraft(item).deadline = value ? serializeDate(value) : "";
        this.onDeadlineChange(item);
    }

    /** The working days from today to the deadline typed, counted by the server
     * on the company's calendar (public holidays excluded). */
    async onDeadlineChange(item) {
        const draft = this.actionDraft(item);
        const deadline = draft.deadline;
        draft.workingDays = undefined;
        if (!deadline) {
            return;
        }
        const days = await this.orm.call(
            "meeting.minutes",
            "get_deadline_working_days",
            [[this.meetingId], deadline]
        );
        if (draft.deadline === deadline) {
            draft.workingDays = days;
        }
    }

    // ------------------------------------------------------------------
    // timers
    // ------------------------------------------------------------------

    itemElapsedMs(item) {
        const spent = this.elapsed[item.id] || 0;
        if (item.id === this.state.selectedId) {
            return spent + (this.state.now - this.selectedAt);
        }
        return spent;
    }

    itemElapsed(item) {
        return formatDuration(this.itemElapsedMs(item));
    }

    isOverTime(item) {
        return Boolean(
            item.planned_minutes &&
            this.itemElapsedMs(item) > item.planned_minutes * 60000
        );
    }

    get meetingElapsed() {
        if (!this.data || !this.data.meeting.start) {
            return "";
        }
        const startDate = deserializeDateTime(this.data.meeting.start);
        const start = startDate.toMillis();
        if (start - this.state.now >= DAY_MS) {
            // days ahead: the date, not a clock of a hundred hours
            return _t("starts on %s", formatDateTime(startDate, {showSeconds: false}));
        }
        return this.state.now < start
            ? _t("starts in %s", formatDuration(start - this.state.now, true))
            : formatDuration(this.state.now - start, true);
    }

    get meetingPlanned() {
        const meeting = this.data && this.data.meeting;
        if (!meeting || !meeting.start || !meeting.stop) {
            return "";
        }
        return formatDuration(
            deserializeDateTime(meeting.stop).toMillis() -
                deserializeDateTime(meeting.start).toMillis(),
            true
        );
    }

    get isMeetingOverTime() {
        const meeting = this.data && this.data.meeting;
        return Boolean(
            meeting &&
            meeting.stop &&
            this.state.now > deserializeDateTime(meeting.stop).toMillis()
        );
    }

    /** A deadline ("2026-12-10" from the server) in the user's date format. */
    formatDeadline(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    // ------------------------------------------------------------------
    // the confirmation on the spot
    // ------------------------------------------------------------------

    get confirmations() {
        return this.data ? this.data.confirmations : [];
    }

    get undecidedCount() {
        return this.confirmations.filter((a) => !a.confirmed && !a.objection).length;
    }

    /** The user's own line of the read-out while it waits for their decision
     * (present, in progress, neither confirmed nor objected). */
    get myAwaitedDecision() {
        // nothing to decide before a resolution or an action item is recorded
        if (
            !this.data ||
            !this.isInProgress ||
            !(this.allResolutions.length || this.allActions.length)
        ) {
            return null;
        }
        return (
            this.data.confirmations.find(
                (line) => line.is_me && !line.confirmed && !line.objection
            ) || null
        );
    }

    get isInProgress() {
        return Boolean(this.data && this.data.state === "in_progress");
    }

    /** Whether the user signs and confirms the draft: the recorder, in progress. */
    get canSign() {
        return this.isInProgress && this.data.meeting.is_recorder;
    }

    formatDecidedOn(value) {
        return value
            ? formatDateTime(deserializeDateTime(value), {showSeconds: false})
            : "";
    }

    /** The attendee confirms what was read out, on their own device. */
    async confirmAttendance(attendee) {
        await this.save(
            `confirm_${attendee.id}`,
            () =>
                this.orm.call(
                    "meeting.minutes.attendee",
                    "action_confirm_attendance",
                    [[attendee.id]],
                    {read_out_version: this.data.read_out_version}
                ),
            () => this.confirmAttendance(attendee)
        );
    }

    /** The attendee objects: the dialog asks for the objection. */
    async objectAttendance(attendee) {
        const action = await this.orm.call(
            "meeting.minutes.attendee",
            "action_object",
            [[attendee.id]],
            {read_out_version: this.data.read_out_version}
        );
        await this.action.doAction(action, {onClose: () => this.reload()});
    }

    /** Confirm & Sign: the recorder signs in Odoo's signature dialog, then the
     * draft is confirmed (the server refuses it while someone is undecided). */
    async confirmAndSign() {
        let action = false;
        const done = await this.save(
            "confirm_and_sign",
            async () => {
                action = await this.orm.call("meeting.minutes", "action_confirm", [
                    [this.meetingId],
                ]);
            },
            () => this.confirmAndSign()
        );
        if (done && action && typeof action === "object") {
            await this.action.doAction(action, {onClose: () => this.reload()});
        }
    }

    // ------------------------------------------------------------------
    // navigation
    // ------------------------------------------------------------------

    selectItem(item) {
        const current = this.currentItem;
        if (!current || current.id === item.id) {
            return;
        }
        this.elapsed[current.id] = this.itemElapsedMs(current);
        if (!current.has_consensus && !current.has_resolution) {
            this.state.flagged[current.id] = true;
            this.notification.add(
                _t("“%s” has neither a consensus nor a resolution yet.", current.name),
                {type: "warning"}
            );
        } else {
            delete this.state.flagged[current.id];
        }
        this.state.selectedId = item.id;
        this.selectedAt = Date.now();
        browser.sessionStorage.setItem(this.storageKey, String(item.id));
    }

    toggleReadOut() {
        this.state.readOut = !this.state.readOut;
    }

    onReadOutKeydown(ev) {
        if (ev.key === "Escape") {
            this.state.readOut = false;
        }
    }

    /** Back to the minutes: the form the room was opened from, as its
     * breadcrumb would (room and form going back and forth do not pile up);
     * the minutes' form opened anew when the room came from elsewhere (the
     * calendar, a link). */
    openMinutes() {
        const context = this.props.action.context || {};
        const fromTheMinutes =
            context.active_model === "meeting.minutes" &&
            context.active_id === this.meetingId &&
            this.env.config.breadcrumbs.length > 1;
        if (fromTheMinutes) {
            this.env.config.historyBack();
            return;
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "meeting.minutes",
            res_id: this.meetingId,
            views: [[false, "form"]],
            target: "current",
        });
    }

    // ------------------------------------------------------------------
    // saving
    // ------------------------------------------------------------------

    get saveStatus() {
        if (this.state.offline) {
            return _t("Not saved");
        }
        if (this.state.pending) {
            return _t("Saving…");
        }
        return this.state.savedAt ? _t("Saved") : "";
    }

    /**
     * Run a write; on success read the room again. A lost connection keeps the
     * typed text and retries; an error of the server (a UserError, a rule) is
     * shown, and the text is kept too.
     */
    async save(key, write, retry) {
        this.state.pending++;
        try {
            await write();
            this.retries.delete(key);
            this.state.offline = this.retries.size > 0;
            this.state.savedAt = Date.now();
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                this.state.offline = true;
                this.retries.set(key, retry);
                this.scheduleRetry();
                return false;
            }
            this.retries.delete(key);
            this.state.offline = this.retries.size > 0;
            if (error instanceof RPCError) {
                this.notification.add(error.data?.message || error.message, {
                    title: errorTitle(error),
                    type: "danger",
                });
                return false;
            }
            throw error;
        } finally {
            this.state.pending--;
        }
        await this.reload();
        return true;
    }

    scheduleRetry() {
        clearTimeout(this.retryTimeout);
        this.retryTimeout = setTimeout(() => {
            const retries = [...this.retries.values()];
            this.retries.clear();
            for (const retry of retries) {
                retry();
            }
        }, RETRY_DELAY);
    }

    retryNow() {
        clearTimeout(this.retryTimeout);
        const retries = [...this.retries.values()];
        this.retries.clear();
        for (const retry of retries) {
            retry();
        }
    }

    async saveStatement(item, lane, asConsensus = false) {
        const draft = lane ? this.laneDraft(item, lane) : this.consensusDraft(item);
        const text = draft.text.trim();
        if (!text || !this.canEdit) {
            return;
        }
        // the consensus belongs to the item, not to a department
        const consensus = asConsensus || !lane;
        const values = {
            agenda_id: item.id,
            content: text,
            kind: consensus ? "consensus" : draft.kind,
            department_id: consensus ? false : lane.department_id,
        };
        const key = `statement_${item.id}_${lane ? lane.department_id : 0}`;
        const saved = await this.save(
            key,
            () => this.orm.create("meeting.minutes.statement", [values]),
            () => this.saveStatement(item, lane, asConsensus)
        );
        if (saved && draft.text.trim() === text) {
            draft.text = "";
        }
    }

    onStatementKeydown(ev, item, lane) {
        if (ev.key !== "Enter" || ev.shiftKey || ev.isComposing) {
            return;
        }
        ev.preventDefault();
        this.saveStatement(item, lane, ev.ctrlKey || ev.metaKey);
    }

    async deleteLine(model, id) {
        if (!this.canEdit) {
            return;
        }
        await this.save(
            `unlink_${model}_${id}`,
            () => this.orm.unlink(model, [id]),
            () => this.deleteLine(model, id)
        );
    }

    async saveResolution(item) {
        const draft = this.resolutionDraft(item);
        const text = draft.text.trim();
        if (!text || !this.canEdit) {
            return;
        }
        const departmentIds = this.resolutionDepartmentIds(item);
        const saved = await this.save(
            `resolution_${item.id}`,
            () =>
                this.orm.create("meeting.minutes.resolution", [
                    {
                        meeting_id: this.meetingId,
                        agenda_id: item.id,
                        content: text,
                        department_ids: [[6, 0, departmentIds]],
                    },
                ]),
            () => this.saveResolution(item)
        );
        if (saved && draft.text.trim() === text) {
            draft.text = "";
            draft.departmentIds = null;
        }
    }

    onResolutionKeydown(ev, item) {
        if (ev.key !== "Enter" || ev.shiftKey || ev.isComposing) {
            return;
        }
        ev.preventDefault();
        this.saveResolution(item);
    }

    async saveAction(item) {
        const draft = this.actionDraft(item);
        const name = draft.text.trim();
        if (!this.canEdit) {
            return;
        }
        const missing = [
            [name, _t("the task")],
            [draft.ownerId, _t("the owner")],
            [draft.deadline, _t("the deadline")],
        ]
            .filter(([value]) => !value)
            .map(([, label]) => label);
        if (missing.length) {
            this.notification.add(
                _t("The action item still needs: %s.", formatList(missing)),
                {type: "warning"}
            );
            return;
        }
        const values = {
            meeting_id: this.meetingId,
            name,
            owner_id: draft.ownerId,
            deadline: draft.deadline,
            resolution_id: draft.resolutionId || false,
        };
        const saved = await this.save(
            `action_${item.id}`,
            () => this.orm.create("meeting.minutes.action", [values]),
            () => this.saveAction(item)
        );
        if (saved) {
            Object.assign(draft, {
                text: "",
                ownerId: false,
                deadline: "",
                workingDays: undefined,
            });
        }
    }

    onActionKeydown(ev, item) {
        if (ev.key === "Enter" && !ev.isComposing) {
            ev.preventDefault();
            this.saveAction(item);
        }
    }

    setActionOwner(item, ownerId) {
        this.actionDraft(item).ownerId = ownerId || false;
    }

    setActionResolution(item, ev) {
        this.actionDraft(item).resolutionId = parseInt(ev.target.value, 10) || false;
    }
}

registry.category("actions").add("meeting_minutes.meeting_room", MeetingRoom);
