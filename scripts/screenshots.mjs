// The browser walk of scripts/screenshots.sh (make screenshots): every screen of STEPS, in
// each language of LANGS, as the demo user of the step's role, into SHOTS_OUT/<lang>/<file>.png.
// Run by scripts/screenshots.sh, which prepares the database and serves Odoo; env:
//   SHOTS_URL SHOTS_DB SHOTS_OUT SHOTS_LOGS CHROMIUM PLAYWRIGHT_DIR (set by the script)
//   SHOTS_LANGS="en zh_CN"  SHOTS_ONLY=01,07 (file prefixes)  SHOTS_TIMEOUT=30000 (ms)
//   SHOTS_ADMIN_PASSWORD=admin
//
// A step: file, as (a role of ROLES), what (said in the log and in a failure), then in order:
//   menu:  menu xml ids clicked one after the other (the first one: the app, from the apps menu)
//   url:   a path opened instead ({seed} = id of the seed meeting)
//   tab:   the name="" of a notebook page of the form
//   click: selectors clicked one after the other (each waited for)
//   until: {selector, click, max}: click `click` until `selector` shows (calendar: next month)
//   wait:  selectors that must be visible before the shot
//   scroll: a selector scrolled to the top of the view before the shot
//   pdf:   a report path downloaded over HTTP as the step's user; pages: which pages to convert
// Selectors rely on xml ids, field/page names and Odoo's structural classes, not on labels.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MEETINGS = "/odoo/action-meeting_minutes.meeting_minutes_action";
const SEED_FORM = `${MEETINGS}/{seed}`;
const APP = "meeting_minutes.meeting_minutes_menu_root";
const FORM = ".o_form_view .o_form_sheet";
const TAB = (name) => `.o_form_view .o_notebook .nav-link[name="${name}"]`;

const STEPS = [
    { file: "01-my-meetings", as: "host", what: "My Meetings, the landing page of the app",
      menu: [APP], wait: [".o_list_view .o_data_row"] },
    { file: "02-meeting-attendance", as: "host", what: "the seed meeting, Attendance tab",
      url: SEED_FORM, tab: "attendance", wait: [".o_notebook .o_data_row"] },
    { file: "03-meeting-agenda", as: "host", what: "the seed meeting, Agenda & Discussion tab",
      url: SEED_FORM, tab: "discussion", wait: [".o_notebook .o_data_row"] },
    { file: "03-discussion-dialog", as: "host", what: "the Discussion dialog of the first agenda item",
      url: SEED_FORM, tab: "discussion",
      click: ['.o_notebook .o_data_row button[name="action_open_statements"]'],
      wait: [".modal .o_form_view .o_data_row"] },
    { file: "04-meeting-resolutions", as: "host", what: "the seed meeting, Resolutions tab",
      url: SEED_FORM, tab: "resolutions", wait: [".o_notebook .o_data_row"] },
    { file: "05-meeting-action-items", as: "host", what: "the seed meeting, Action Items tab",
      url: SEED_FORM, tab: "actions", wait: [".o_notebook .o_data_row"] },
    { file: "06-meeting-approval", as: "host", what: "the seed meeting, Approval tab",
      url: SEED_FORM, tab: "approval" },
    { file: "07-my-action-items", as: "owner", what: "My Action Items, as an action owner",
      menu: [APP, "meeting_minutes.meeting_minutes_action_menu"], wait: [".o_list_view .o_data_row"] },
    { file: "07-action-item-form", as: "owner", what: "the owner's first action item, form",
      menu: [APP, "meeting_minutes.meeting_minutes_action_menu"],
      click: [".o_list_view .o_data_row .o_data_cell"], wait: [FORM] },
    { file: "08-meetings-kanban", as: "host", what: "the meetings, kanban view",
      menu: [APP], click: [".o_control_panel .o_switch_view.o_kanban"],
      wait: [".o_kanban_view .o_kanban_record"] },
    { file: "08-meetings-calendar", as: "host", what: "the meetings, calendar view",
      menu: [APP], click: [".o_control_panel .o_switch_view.o_calendar"],
      wait: [".o_calendar_view .fc-view"],
      until: { selector: ".o_calendar_view .fc-event", click: ".o_calendar_button_next", max: 2 } },
    { file: "09-action-analysis-pivot", as: "host", what: "Reporting > Action Analysis, pivot",
      menu: [APP, "meeting_minutes.meeting_minutes_menu_reporting",
             "meeting_minutes.meeting_minutes_action_menu_analysis"],
      wait: [".o_pivot_view .o_pivot table"] },
    { file: "09-action-analysis-graph", as: "host", what: "Reporting > Action Analysis, graph",
      menu: [APP, "meeting_minutes.meeting_minutes_menu_reporting",
             "meeting_minutes.meeting_minutes_action_menu_analysis"],
      click: [".o_control_panel .o_switch_view.o_graph"], wait: [".o_graph_view canvas"] },
    { file: "10-settings", as: "admin", what: "the settings of the addon",
      url: "/odoo/action-meeting_minutes.res_config_settings_action",
      wait: ['.o_setting_container .app_settings_block[data-key="meeting_minutes"]'] },
    { file: "11-minutes-pdf", as: "host", what: "the minutes PDF, pages 1 and 2",
      pdf: "/report/pdf/meeting_minutes.report_meeting_minutes/{seed}", pages: [1, 2] },
    { file: "12-compliance-graph", as: "host", what: "Reporting > Compliance, graph by department",
      menu: [APP, "meeting_minutes.meeting_minutes_menu_reporting",
             "meeting_minutes.meeting_minutes_menu_compliance"],
      wait: [".o_graph_view canvas"] },
    { file: "13-compliance-pivot", as: "host", what: "Reporting > Compliance, pivot department x month",
      menu: [APP, "meeting_minutes.meeting_minutes_menu_reporting",
             "meeting_minutes.meeting_minutes_menu_compliance"],
      click: [".o_control_panel .o_switch_view.o_pivot"], wait: [".o_pivot_view .o_pivot table"] },
    { file: "15-meeting-room", as: "host", what: "the meeting room of a meeting in progress (a copy of the seed)",
      url: "/odoo/action-meeting_minutes.meeting_minutes_action/{room}",
      click: ['.o_form_statusbar button[name="action_open_meeting_room"]'],
      wait: [".o_meeting_room .o_meeting_room_lane"] },
    { file: "16-meeting-room-read-out", as: "host", what: "the meeting room, read out for the projector",
      url: "/odoo/action-meeting_minutes.meeting_minutes_action/{room}",
      click: ['.o_form_statusbar button[name="action_open_meeting_room"]', ".o_meeting_room_readout_toggle"],
      wait: [".o_meeting_room"] },
    { file: "14-compliance-pdf", as: "admin", what: "the monthly compliance report of last month, page 1",
      wizard: true, pdf: "/report/pdf/meeting_minutes.report_meeting_compliance/{wizard}", pages: [1] },
];

// The seed meeting of the demo data (xml id first, its name if the xml id is gone)
const SEED = { xmlid: "meeting_minutes.meeting_q3_priorities", name: "2024年Q3产品迭代优先级跨部门协调会" };
// Roles: host = the seed's host (a meeting manager in the demo), owner = the owner of an
// open action item of the seed meeting; found in the database, not hard-coded
const LANGS = [
    { dir: "en", lang: "en_US", locale: "en-US" },
    { dir: "zh_CN", lang: "zh_CN", locale: "zh-CN" },
];
const VIEWPORT = { width: 1440, height: 900 };

// ---------------------------------------------------------------------------------------
const env = process.env;
const BASE = env.SHOTS_URL || "http://127.0.0.1:8479";
const DB = env.SHOTS_DB || "meeting_minutes_shots";
const OUT = env.SHOTS_OUT || path.resolve("docs/screenshots");
const LOGS = env.SHOTS_LOGS || os.tmpdir();
const TIMEOUT = Number(env.SHOTS_TIMEOUT || 30000);
const ADMIN_PASSWORD = env.SHOTS_ADMIN_PASSWORD || "admin";
const WANT_LANGS = (env.SHOTS_LANGS || LANGS.map((l) => l.dir).join(" ")).split(/[\s,]+/).filter(Boolean);
const ONLY = (env.SHOTS_ONLY || "").split(/[\s,]+/).filter(Boolean);
const require = createRequire(path.join(env.PLAYWRIGHT_DIR || process.cwd(), "package.json"));
const { chromium } = require("playwright-core");

const log = (msg) => console.log(`[screenshots] ${msg}`);
class StepError extends Error {}

// JSON-RPC on /jsonrpc, as admin (the external API, like XML-RPC)
let adminUid;
async function rpc(service, method, args) {
    const res = await fetch(`${BASE}/jsonrpc`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { service, method, args }, id: 1 }),
    });
    const data = await res.json();
    if (data.error) {
        throw new Error(`RPC ${service}.${method}: ${data.error.data?.message || data.error.message}`);
    }
    return data.result;
}
async function call(model, method, args, kwargs = {}) {
    if (!adminUid) {
        adminUid = await rpc("common", "login", [DB, "admin", ADMIN_PASSWORD]);
        if (!adminUid) throw new Error("admin cannot log in over JSON-RPC (SHOTS_ADMIN_PASSWORD?)");
    }
    return rpc("object", "execute_kw", [DB, adminUid, ADMIN_PASSWORD, model, method, args, kwargs]);
}

// A meeting in progress for the meeting room: the seed copied to start in ten minutes,
// scheduled (the short notice's reason given) and started, as admin
async function prepareRoom(seedId) {
    const fmt = (d) => d.toISOString().slice(0, 19).replace("T", " ");
    const start = new Date(Date.now() + 10 * 60000);
    const copied = await call("meeting.minutes", "copy", [[seedId],
        { start: fmt(start), stop: fmt(new Date(start.getTime() + 2 * 3600000)) }]);
    const room = Array.isArray(copied) ? copied[0] : copied;
    const scheduled = await call("meeting.minutes", "action_schedule", [[room]]);
    if (scheduled && scheduled.res_model === "meeting.minutes.reason.wizard") {
        const wizard = await call("meeting.minutes.reason.wizard", "create", [{
            meeting_ids: [[6, 0, [room]]], mode: "short_notice", reason: "Screenshots",
        }]);
        await call("meeting.minutes.reason.wizard", "action_confirm", [[wizard]]);
    }
    await call("meeting.minutes", "action_start", [[room]]);
    // the seed's resolutions and action items, to read out (a copy has none)
    const resolutions = await call("meeting.minutes.resolution", "search_read",
        [[["meeting_id", "=", seedId]]], { fields: ["content", "agenda_id"], order: "sequence, id" });
    const actions = await call("meeting.minutes.action", "search_read",
        [[["meeting_id", "=", seedId]]], { fields: ["name", "owner_id"], order: "sequence, id" });
    const [item] = await call("meeting.minutes.agenda", "search", [[["meeting_id", "=", room]]], { limit: 1 });
    const resolutionIds = await call("meeting.minutes.resolution", "create", [resolutions.map((r) => ({
        meeting_id: room, agenda_id: item || false, content: r.content,
    }))]);
    const inAWeek = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
    if (actions.length) {
        await call("meeting.minutes.action", "create", [actions.map((a) => ({
            meeting_id: room, name: a.name, owner_id: a.owner_id[0], deadline: inAWeek,
            resolution_id: resolutionIds[0] || false,
        }))]);
    }
    return room;
}

async function findSeed() {
    const [module, name] = SEED.xmlid.split(".");
    const xmlids = await call("ir.model.data", "search_read",
        [[["module", "=", module], ["name", "=", name], ["model", "=", "meeting.minutes"]]], { fields: ["res_id"] });
    let ids = xmlids.map((x) => x.res_id);
    if (!ids.length) ids = await call("meeting.minutes", "search", [[["name", "=", SEED.name]]], { limit: 1 });
    if (!ids.length) throw new Error(`the demo meeting ${SEED.xmlid} / "${SEED.name}" is not in ${DB}`);
    const [meeting] = await call("meeting.minutes", "read", [ids, ["name", "host_id", "state"]]);
    const open = await call("meeting.minutes.action", "search_read",
        [[["meeting_id", "=", meeting.id], ["state", "not in", ["done", "cancelled"]], ["owner_id", "!=", false]]],
        { fields: ["owner_id"], limit: 1, order: "sequence, id" });
    if (!open.length) throw new Error(`the demo meeting "${meeting.name}" has no open action item with an owner`);
    const logins = async (uid) => (await call("res.users", "read", [[uid], ["login"]]))[0].login;
    return {
        id: meeting.id, name: meeting.name, state: meeting.state,
        roles: { host: await logins(meeting.host_id[0]), owner: await logins(open[0].owner_id[0]), admin: "admin" },
    };
}

// Network idle: no request of the page in flight for `quiet` ms (the bus, its websocket and
// its worker script, stay open: not counted)
const BUS = /\/(websocket|bus\/websocket_worker_bundle|longpolling)\b/;
function trackRequests(page) {
    const inflight = new Set();
    let last = Date.now();
    const done = (r) => { inflight.delete(r); last = Date.now(); };
    page.on("request", (r) => {
        if (r.resourceType() !== "websocket" && !BUS.test(r.url())) { inflight.add(r); last = Date.now(); }
    });
    page.on("requestfinished", done);
    page.on("requestfailed", done);
    page.networkIdle = async (quiet = 500, timeout = TIMEOUT) => {
        const t0 = Date.now();
        while (inflight.size || Date.now() - last < quiet) {
            if (Date.now() - t0 > timeout) {
                throw new Error(`network not idle after ${timeout} ms: ${[...inflight].map((r) => r.url()).join(", ")}`);
            }
            await page.waitForTimeout(100);
        }
    };
}

async function settle(page) {
    await page.waitForFunction(
        () => !document.querySelector(".o_loading_indicator, .o_blockUI"), null, { timeout: TIMEOUT });
    await page.networkIdle();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(400); // animations (dialogs, charts)
    const error = page.locator(".o_error_dialog, .o_dialog .modal-body .o_error_detail").first();
    if (await error.isVisible()) {
        throw new StepError(`Odoo shows an error dialog: ${(await page.locator(".o_dialog").first().innerText()).slice(0, 600)}`);
    }
}

async function visible(page, selector, doing, timeout = TIMEOUT) {
    try {
        await page.locator(selector).first().waitFor({ state: "visible", timeout });
    } catch {
        throw new StepError(`${doing}: "${selector}" not visible within ${timeout / 1000} s`);
    }
    return page.locator(selector).first();
}

async function login(browser, login, lang) {
    const context = await browser.newContext({
        viewport: VIEWPORT, locale: lang.locale, timezoneId: "Asia/Shanghai", deviceScaleFactor: 1,
    });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    trackRequests(page);
    page.on("pageerror", (e) => log(`  browser error (${login}): ${e.message.split("\n")[0]}`));
    await page.goto(`${BASE}/web/login`);
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', login === "admin" ? ADMIN_PASSWORD : login);
    await page.click('form button[type="submit"]');
    // the first page of a fresh database builds the asset bundles: generous timeout
    await visible(page, ".o_web_client .o_main_navbar", `log in as ${login}`, 4 * TIMEOUT);
    await settle(page);
    const info = await context.request.post(`${BASE}/web/session/get_session_info`,
        { data: { jsonrpc: "2.0", method: "call", params: {} } });
    const uiLang = (await info.json()).result?.user_context?.lang;
    if (uiLang !== lang.lang) {
        throw new StepError(`${login} logged in reads Odoo in ${uiLang}, not in ${lang.lang}`);
    }
    return { context, page };
}

async function openMenu(page, xmlids) {
    for (const [i, xmlid] of xmlids.entries()) {
        if (i === 0) {
            await page.goto(`${BASE}/odoo`);
            await visible(page, ".o_navbar_apps_menu button", "open the apps menu");
            await settle(page);
            await page.click(".o_navbar_apps_menu button");
            await (await visible(page, `.o-dropdown--menu [data-menu-xmlid="${xmlid}"]`,
                `the app ${xmlid} in the apps menu`)).click();
        } else {
            await (await visible(page, `.o_main_navbar [data-menu-xmlid="${xmlid}"], .o-dropdown--menu [data-menu-xmlid="${xmlid}"]`,
                `the menu ${xmlid}`)).click();
        }
        await settle(page);
    }
}

async function shoot(step, lang, session, seed) {
    const { page, context } = session;
    const target = path.join(OUT, lang.dir);
    let wizard = 0;
    if (step.wizard) {
        // the monthly compliance report of last month, all departments (admin's own wizard)
        const now = new Date();
        const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
        wizard = await call("meeting.minutes.compliance.wizard", "create",
            [{ month: month.toISOString().slice(0, 10) }]);
    }
    const fill = (s) => s.replaceAll("{seed}", String(seed.id)).replaceAll("{wizard}", String(wizard))
        .replaceAll("{room}", String(seed.room));
    if (step.pdf) {
        const url = `${BASE}${fill(step.pdf)}`;
        const res = await context.request.get(url, { timeout: 6 * TIMEOUT });
        const body = await res.body();
        if (!res.ok() || body.subarray(0, 5).toString() !== "%PDF-") {
            throw new StepError(`download ${url}: HTTP ${res.status()} ${res.headers()["content-type"]}: ${body.subarray(0, 300)}`);
        }
        const pdf = path.join(LOGS, `screenshots-${lang.dir}.pdf`);
        fs.writeFileSync(pdf, body);
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())[1]);
        const written = [];
        for (const n of step.pages || [1]) {
            const png = path.join(target, `${step.file}-${n}`);
            fs.rmSync(`${png}.png`, { force: true });
            if (n > pages) {
                log(`  WARNING: ${step.file}: the PDF has ${pages} page(s), no page ${n}`);
                continue;
            }
            execFileSync("pdftoppm", ["-r", "70", "-png", "-f", String(n), "-l", String(n), "-singlefile", pdf, png]);
            written.push(`${png}.png`);
        }
        return written;
    }
    if (step.menu) await openMenu(page, step.menu);
    if (step.url) {
        await page.goto(`${BASE}${fill(step.url)}`);
        await visible(page, ".o_action_manager .o_action", `open ${fill(step.url)}`);
        await settle(page);
    }
    if (step.tab) {
        await visible(page, FORM, "the meeting form");
        await (await visible(page, TAB(step.tab), `the tab ${step.tab}`)).click();
        await visible(page, `${TAB(step.tab)}.active`, `activate the tab ${step.tab}`);
        await settle(page);
    }
    for (const selector of step.click || []) {
        await (await visible(page, selector, `click`)).click();
        await settle(page);
    }
    if (step.until) {
        const { selector, click, max } = step.until;
        for (let i = 0; i < max && !(await page.locator(selector).first().isVisible()); i++) {
            await (await visible(page, click, "click")).click();
            await settle(page);
        }
        await visible(page, selector, `look for ${selector}`, 1000);
    }
    for (const selector of step.wait || []) await visible(page, selector, "wait");
    const scroll = step.scroll || (step.tab && !step.click ? ".o_form_view .o_notebook" : null);
    if (scroll) {
        await (await visible(page, scroll, "scroll")).evaluate((el) => el.scrollIntoView({ block: "start" }));
        await page.waitForTimeout(200);
    }
    await settle(page);
    // no caret, no hover effect of the last click in the picture
    await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5);
    const png = path.join(target, `${step.file}.png`);
    await page.screenshot({ path: png, caret: "hide", animations: "disabled" });
    return [png];
}

async function main() {
    const t0 = Date.now();
    const langs = LANGS.filter((l) => WANT_LANGS.includes(l.dir));
    const active = (await call("res.lang", "search_read", [[]], { fields: ["code"] })).map((l) => l.code);
    const inactive = langs.filter((l) => !active.includes(l.lang)).map((l) => l.lang);
    if (inactive.length) throw new Error(`language(s) ${inactive.join(", ")} not active in ${DB} (active: ${active.join(", ")})`);
    const steps = STEPS.filter((s) => !ONLY.length || ONLY.some((p) => s.file.startsWith(p)));
    if (!langs.length || !steps.length) throw new Error("nothing to do (SHOTS_LANGS / SHOTS_ONLY)");
    const seed = await findSeed();
    if (steps.some((s) => (s.url || "").includes("{room}"))) seed.room = await prepareRoom(seed.id);
    log(`seed meeting #${seed.id} "${seed.name}" (${seed.state}); host ${seed.roles.host}, action owner ${seed.roles.owner}`);
    const logins = [...new Set(steps.map((s) => seed.roles[s.as] || s.as))];
    const users = await call("res.users", "search_read", [[["login", "in", logins]]], { fields: ["login", "lang"] });
    const missing = logins.filter((l) => !users.some((u) => u.login === l));
    if (missing.length) throw new Error(`users not found: ${missing.join(", ")}`);
    // the demo passwords (login = password) set again, in case the demo data loses them
    for (const u of users) {
        if (u.login !== "admin") await call("res.users", "write", [[u.id], { password: u.login }]);
    }
    // wkhtmltopdf fetches the report's assets from web.base.url: this server
    await call("ir.config_parameter", "set_param", ["web.base.url", BASE]);

    const browser = await chromium.launch({
        executablePath: env.CHROMIUM || "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    });
    const written = [];
    try {
        for (const lang of langs) {
            fs.mkdirSync(path.join(OUT, lang.dir), { recursive: true });
            await call("res.users", "write", [users.map((u) => u.id), { lang: lang.lang }]);
            const sessions = {};
            try {
                for (const step of steps) {
                    const who = seed.roles[step.as] || step.as;
                    const ts = Date.now();
                    try {
                        sessions[who] ||= await login(browser, who, lang);
                        const files = await shoot(step, lang, sessions[who], seed);
                        written.push(...files);
                        log(`  ${lang.dir}/${step.file} (${who}) ${((Date.now() - ts) / 1000).toFixed(1)} s`);
                    } catch (e) {
                        const shot = path.join(LOGS, `screenshots-failed-${lang.dir}-${step.file}.png`);
                        await sessions[who]?.page.screenshot({ path: shot }).catch(() => {});
                        throw new StepError(
                            `step ${step.file} [${lang.dir}, as ${who}] (${step.what}): ${e.message.split("\n")[0]}` +
                            (sessions[who] ? `\n  page: ${sessions[who].page.url()}\n  screenshot of the failure: ${shot}` : ""));
                    }
                }
            } finally {
                for (const s of Object.values(sessions)) await s.context.close();
            }
        }
    } finally {
        await browser.close();
        // back to the languages of the demo data
        for (const u of users) await call("res.users", "write", [[u.id], { lang: u.lang }]).catch(() => {});
    }
    log(`${written.length} PNGs in ${((Date.now() - t0) / 1000).toFixed(0)} s:`);
    for (const f of written) log(`  ${path.relative(process.cwd(), f)}`);
}

main().catch((e) => {
    console.error(`[screenshots] FAILED: ${e.message}`);
    process.exit(1);
});
