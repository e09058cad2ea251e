/* What a person does in the Odoo 11 web client and portal, as playwright-core steps.
 *
 * Every step waits on visible state (an element, a text), never on time. A step that does not find
 * what it waits for fails with a JourneyError saying what the person expected to see.
 */
'use strict';

const STEP_TIMEOUT = 20000;
const NAVIGATION_TIMEOUT = 60000;
/* Exception types the web client shows as a warning; any other server error is a "Server Error". */
const USER_FACING = ['user_error', 'warning', 'validation_error', 'access_error', 'missing_error'];

/* How a message for the user is titled (Dutch): "Warning", never "Odoo Server Error". */
const WARNING_TITLE = 'Waarschuwing';

class JourneyError extends Error {}

function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class Actor {
    constructor(name, context, page, params) {
        this.name = name;
        this.context = context;
        this.page = page;
        this.params = params;
        this.consoleErrors = [];
        this.rpcErrors = [];
        this.warningsRead = [];
        page.setDefaultTimeout(STEP_TIMEOUT);
        page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
        page.on('console', (msg) => {
            if (msg.type() === 'error') {
                this.consoleErrors.push(`console: ${msg.text()} (${page.url()})`);
            }
        });
        page.on('pageerror', (error) => this.consoleErrors.push(`page error: ${error.message} (${page.url()})`));
        this.pendingAnswers = new Set();
        page.on('response', (response) => {
            const reading = this.readAnswer(response);
            this.pendingAnswers.add(reading);
            reading.then(() => this.pendingAnswers.delete(reading));
        });
    }

    /** Note an RPC answer in error (its exception type and message). */
    async readAnswer(response) {
        const type = (response.headers()['content-type'] || '');
        if (response.request().method() !== 'POST' || !type.includes('json')) {
            return;
        }
        let body;
        try {
            body = await response.json();
        } catch (error) {
            return; // the page moved on before the answer was read
        }
        // the test server serves no bus (longpolling) in test mode: not the product's error
        if (body && body.error && !response.url().includes('/longpolling/')) {
            const data = body.error.data || {};
            this.rpcErrors.push({ type: data.exception_type, message: data.message || body.error.message,
                                  url: response.url() });
        }
    }

    url(path) {
        return this.params.baseUrl + path;
    }

    async step(what, action) {
        const started = Date.now();
        try {
            const result = await action();
            if (process.env.GD_JOURNEY_TRACE) {
                process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)}s ${this.name}: ${what}\n`);
            }
            return result;
        } catch (error) {
            if (error instanceof JourneyError) {
                throw error;
            }
            throw new JourneyError(`${this.name}: ${what}: ${error.message.split('\n')[0]}`);
        }
    }

    /* ------------------------------------------------------------------ errors */

    errors() {
        // A warning the journey read (see warning()) is what the person was meant to see; the web client
        // also logs every answer in error to the console, and that line is the same warning.
        const read = (text) => this.warningsRead.some((w) => text.includes(w.text) && text.includes(`"${w.type}"`));
        const rpc = this.rpcErrors.filter((e) => !this.warningsRead.some((w) => (e.message || '').includes(w.text)
                                                                          && e.type === w.type))
            .map((e) => `server answered ${e.type}: ${e.message} (${e.url})`);
        return this.consoleErrors.filter((text) => !read(text)).concat(rpc);
    }

    assertNoErrors() {
        const errors = this.errors();
        if (errors.length) {
            throw new JourneyError(`${this.name} met errors in the browser:\n  ${errors.join('\n  ')}`);
        }
    }

    /* ------------------------------------------------------------------ pages */

    async goto(path) {
        await this.step(`open ${path}`, () => this.page.goto(this.url(path), { waitUntil: 'load' }));
        if (path === '/web') {
            await this.webClientReady();
        }
    }

    /** Open ``path`` expecting the Dutch "not found" page (a 404), as for someone else's record. */
    async notFound(path) {
        const before = this.consoleErrors.length;
        const response = await this.step(`open ${path}`, () => this.page.goto(this.url(path), { waitUntil: 'load' }));
        if (response.status() !== 404) {
            throw new JourneyError(`${this.name}: ${path} answered ${response.status()}, not "not found" (404)`);
        }
        // the browser notes the page's own 404 in the console: here that is what the person was meant to get
        this.consoleErrors = this.consoleErrors.filter((text, index) => index < before
            || !(text.includes('status of 404') && text.includes(path)));
    }

    async login(login, password) {
        await this.goto('/web/login');
        await this.step(`log in as ${login}`, async () => {
            await this.page.fill('input#login', login);
            await this.page.fill('input#password', password);
            await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }),
                               this.page.click('form.oe_login_form button[type="submit"]')]);
        });
        if (this.page.url().includes('/web/login')) {
            throw new JourneyError(`${this.name}: log in as ${login} failed`);
        }
        if (new URL(this.page.url()).pathname === '/web') {
            await this.webClientReady();
        }
    }

    /** Wait until ``text`` is visible (inside ``scope``, a selector, when given). */
    async see(text, scope) {
        const root = scope ? this.page.locator(scope).first() : this.page.locator('body');
        const target = typeof text === 'string' ? root.getByText(text, { exact: false }) : root.getByText(text);
        await this.step(`expected to see "${text}"${scope ? ' in ' + scope : ''}`,
                        () => target.first().waitFor({ state: 'visible' }));
    }

    /** Assert ``text`` is not on the page (checked once, after the page showed what it waited for). */
    async notSee(text, scope) {
        const root = scope ? this.page.locator(scope).first() : this.page.locator('body');
        if (await root.getByText(text).count()) {
            const visible = await root.getByText(text).first().isVisible();
            if (visible) {
                throw new JourneyError(`${this.name}: did not expect to see "${text}"`);
            }
        }
    }

    async click(selector, what) {
        await this.step(what || `click ${selector}`, () => this.page.locator(selector).first().click());
    }

    async clickLink(text) {
        await this.step(`click the link "${text}"`, () =>
            // the link's whole name, or its name after a count badge ("1 Nieuwe medewerker")
            this.page.getByRole('link', { name: new RegExp(`^(\\d+ )?${escape(text)}$`) }).first().click());
    }

    /** Download what clicking ``selector`` (or the link with that text) offers; returns {name, path, size}.
     * The browser's own copy goes with the browser: ``saveAs`` (a path) keeps the file for the test. */
    async download(selectorOrText, saveAs) {
        return this.step(`download via ${selectorOrText}`, async () => {
            // a selector starts with ".", "#" or "[", or a tag name followed by one of them or ":"
            const target = /^([.#[]|[a-z]+[.#[:])/i.test(selectorOrText)
                ? this.page.locator(selectorOrText).first()
                : this.page.locator('a:visible, button:visible', { hasText: selectorOrText }).first();
            const [download] = await Promise.all([this.page.waitForEvent('download'), target.click()]);
            let file = await download.path();
            if (saveAs) {
                await download.saveAs(saveAs);
                file = saveAs;
            }
            const size = require('fs').statSync(file).size;
            return { name: download.suggestedFilename(), path: file, size };
        });
    }

    /** A screen the README shows: saved as ``<name>.png`` when GD_SCREENSHOTS names a folder (./gd screenshots). */
    async screenshot(name) {
        const folder = process.env.GD_SCREENSHOTS;
        if (!folder) {
            return;
        }
        await this.step(`save the screenshot ${name}`, async () => {
            // the page as it came to rest: no "Laden" of the web client, no blinking caret, no half-run transition
            await this.page.waitForFunction(() => !Array.from(document.querySelectorAll('.o_loading'))
                .some((el) => el.offsetParent !== null));
            await this.page.screenshot({ path: require('path').join(folder, `${name}.png`), caret: 'hide',
                                         animations: 'disabled' });
        });
    }

    /* ------------------------------------------------------------------ keyboard */

    /** Press Tab until the focus is on ``selector`` (at most ``limit`` presses): it is reachable by keyboard. */
    async tabTo(selector, limit) {
        await this.step(`tab to ${selector}`, async () => {
            for (let presses = 0; presses < (limit || 60); presses += 1) {
                if (await this.page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s),
                                             selector)) {
                    return;
                }
                await this.page.keyboard.press('Tab');
            }
            throw new Error(`Tab never reached ${selector}`);
        });
    }

    /** Choose ``value`` in the radio group ``name`` by keyboard: Tab into the group, arrows to the answer. */
    async radioByKeyboard(name, value) {
        await this.tabTo(`input[type="radio"][name="${name}"]`);
        await this.step(`choose ${value} in ${name} with the arrow keys`, async () => {
            const options = await this.page.locator(`input[type="radio"][name="${name}"]`).count();
            for (let presses = 0; presses <= options; presses += 1) {
                if (await this.page.evaluate((v) => document.activeElement.value === v, String(value))) {
                    await this.page.keyboard.press('Space');  // checks it when the arrows did not
                    if (await this.page.evaluate(() => document.activeElement.checked)) {
                        return;
                    }
                }
                await this.page.keyboard.press('ArrowDown');
            }
            throw new Error(`the arrow keys never reached ${value}`);
        });
    }

    /* ------------------------------------------------------------------ web client */

    /** The web client has started and shows its first action (a click before that is lost). */
    async webClientReady() {
        await this.step('wait for the web client', () =>
            this.page.locator('.o_main_content .o_control_panel .breadcrumb li').first().waitFor());
    }

    /** Open an application from the top bar (or its "More" list). */
    async app(name) {
        await this.step(`open the application "${name}"`, async () => {
            let link;
            if (await this.page.locator('#appDrawerApps').count()) {
                // web_responsive: the applications are in a drawer opened from the top bar
                await this.page.locator('a.app-drawer-toggle:visible').first().click();
                link = this.page.locator(`#appDrawerApps a.oe_menu_toggler[data-menu-name="${name}"]`).first();
                await link.waitFor({ state: 'visible' });
            } else {
                const bar = this.page.locator('.oe_application_menu_placeholder');
                await bar.waitFor({ state: 'visible' });  // shown once the web client has started
                link = bar.getByText(name, { exact: true }).first().locator('xpath=ancestor::a[1]');
                if (!(await link.isVisible())) {
                    await this.page.locator('#menu_more_container > a').click();
                }
            }
            const menuId = await link.getAttribute('data-menu');
            await link.click();
            await this.page.locator(`.o_sub_menu .oe_secondary_menu[data-menu-parent="${menuId}"]`).waitFor();
        });
    }

    /** Click a leaf of the open application's side menu; wait for its view. */
    async menu(name) {
        await this.step(`open the menu "${name}"`, async () => {
            const bar = this.page.locator('.o_sub_menu .oe_secondary_menu:visible');
            const leaf = bar.locator(`a.oe_menu_leaf[data-menu-name="${name}"]`).first();
            if ((await leaf.count()) && !(await leaf.isVisible())) {
                // a leaf under a heading (e.g. "Rapportage"): the heading opens its list first
                await bar.locator(`li:has(a.oe_menu_leaf[data-menu-name="${name}"]) > a.dropdown-toggle`).first().click();
                await leaf.click();
            } else {
                await bar.getByText(name, { exact: true }).first().click();
            }
            await this.page.locator('.o_control_panel .breadcrumb').first().waitFor();
        });
    }

    /** The dialog on top, or the main content: where the next field and button are looked for. */
    scope() {
        return this.page.locator('.modal.in .modal-dialog:visible, .modal.show .modal-dialog:visible').last();
    }

    async inDialog() {
        return (await this.page.locator('.modal.in .modal-dialog:visible').count()) > 0;
    }

    async root() {
        return (await this.inDialog()) ? this.scope() : this.page.locator('.o_content').first();
    }

    async fieldInput(name) {
        const root = await this.root();
        return root.locator(`input.o_field_widget[name="${name}"], textarea.o_field_widget[name="${name}"], `
                            + `.o_field_widget[name="${name}"] input, .o_field_widget[name="${name}"] textarea`).first();
    }

    async fill(name, value) {
        await this.step(`fill in ${name}`, async () => {
            const root = await this.root();
            const editor = root.locator(`.o_field_widget[name="${name}"] .note-editable`).first();
            if (await editor.count()) {
                await editor.click();
                await editor.fill(value);
                return;
            }
            await (await this.fieldInput(name)).fill(value);
        });
    }

    /** Choose ``text`` in a many2one (or many2many_tags) field by typing and picking from the list. */
    async choose(name, text, typed) {
        await this.step(`choose "${text}" in ${name}`, async () => {
            const input = await this.fieldInput(name);
            await input.click();
            await input.fill(typed || text);
            const option = this.page.locator('ul.ui-autocomplete:visible li a', { hasText: text }).first();
            await option.click();
            const root = await this.root();
            const tag = root.locator(`.o_field_widget[name="${name}"] .badge`, { hasText: text });
            if (await root.locator(`.o_field_many2manytags[name="${name}"]`).count()) {
                await tag.first().waitFor();
            } else {
                await this.page.waitForFunction(([el, t]) => el.value.includes(t), [await input.elementHandle(), text]);
            }
        });
    }

    /** The options a many2one or many2many_tags field offers after typing ``typed``. */
    async offered(name, typed) {
        return this.step(`see what ${name} offers`, async () => {
            const input = await this.fieldInput(name);
            await input.click();
            await input.fill(typed || '');
            const list = this.page.locator('ul.ui-autocomplete:visible').first();
            await list.waitFor();
            const texts = await list.locator('li a').allInnerTexts();
            await input.press('Escape');
            return texts.map((t) => t.trim());
        });
    }

    async radio(name, label) {
        await this.step(`choose "${label}" for ${name}`, async () => {
            const root = await this.root();
            await root.locator(`.o_field_radio[name="${name}"]`).getByText(label, { exact: true }).first().click();
        });
    }

    /** Click a button of the dialog on top, or else of the form's header and content. */
    async button(text) {
        await this.step(`click the button "${text}"`, async () => {
            const root = await this.root();
            await root.getByRole('button', { name: text, exact: true }).first().click();
        });
    }

    /** Click the smart button of the form showing ``label`` (e.g. "Onderdelen gereed"). */
    async statButton(label) {
        await this.step(`click the button "${label}"`, () =>
            this.page.locator('.o_form_view .oe_stat_button:visible', { hasText: label }).first().click());
    }

    async create() {
        await this.step('click Create', async () => {
            await this.clickUntilShown(
                this.page.locator('.o_list_button_add:visible, .o_form_button_create:visible').first(),
                this.page.locator('.o_form_view.o_form_editable').first());
        });
    }

    /** Click ``target`` until ``shown`` is visible: a list the menu is still reloading swallows a click. */
    async clickUntilShown(target, shown) {
        for (let attempt = 1; ; attempt += 1) {
            await target.click();
            try {
                await shown.waitFor({ state: 'visible', timeout: attempt < 3 ? 5000 : STEP_TIMEOUT });
                return;
            } catch (error) {
                if (attempt >= 3) {
                    throw error;
                }
            }
        }
    }

    async save() {
        await this.step('save the form', async () => {
            await this.page.locator('.o_form_button_save:visible').first().click();
            await this.page.locator('.o_form_view.o_form_readonly').first().waitFor();
        });
    }

    async tab(name) {
        await this.step(`open the tab "${name}"`, async () => {
            const root = await this.root();
            await root.locator('.o_notebook .nav-tabs').getByText(name, { exact: true }).first().click();
        });
    }

    /** Wait for the dialog titled ``title`` to open: the next fields and buttons are its own. */
    async dialog(title) {
        await this.step(`expected the dialog "${title}"`, () =>
            this.page.locator('.modal.in .modal-dialog:visible .modal-title', { hasText: title }).last().waitFor());
    }

    async dialogClosed() {
        await this.step('wait for the dialog to close', () =>
            this.page.waitForFunction(() => !document.querySelector('.modal.in .modal-dialog')));
    }

    /** A warning dialog with ``text`` (a UserError/ValidationError): read, then closed with OK. */
    async warning(text) {
        const dialog = this.page.locator('.modal.in .modal-dialog:visible')
            .filter({ has: this.page.locator('.o_dialog_warning', { hasText: text }) }).last();
        await this.step(`expected a warning saying "${text}"`, () => dialog.waitFor());
        const title = (await dialog.locator('.modal-title').innerText()).replace(/\s+/g, ' ').trim();
        await Promise.all([...this.pendingAnswers]);  // the answers that came before the dialog, read
        const answer = this.rpcErrors.find((e) => (e.message || '').includes(text));
        if (!answer || !USER_FACING.includes(answer.type)) {
            throw new JourneyError(`${this.name}: "${text}" came as ${answer ? answer.type : 'no server answer'}, `
                                   + `in the dialog "${title}", not as a message for the user`);
        }
        if (title !== WARNING_TITLE) {
            throw new JourneyError(`${this.name}: "${text}" came in a dialog titled "${title}", not "${WARNING_TITLE}"`);
        }
        this.warningsRead.push({ text, type: answer.type });
        await dialog.locator('.modal-footer button').first().click();
        await this.step('close the warning', async () => {
            await dialog.waitFor({ state: 'detached' });
            // its backdrop goes too: until then it takes the clicks meant for the dialog below
            await this.page.waitForFunction(() => document.querySelectorAll('.modal-backdrop').length
                                            <= document.querySelectorAll('.modal.in').length);
        });
        return title;
    }

    /** The text of the rows of a one2many list in the form (or of the list view). */
    async rows(fieldName) {
        const root = await this.root();
        const rows = fieldName ? root.locator(`.o_field_widget[name="${fieldName}"] .o_data_row`)
            : this.page.locator('.o_list_view .o_data_row');
        return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    }

    /** Open the row of the list (or of a one2many) containing ``text``. */
    async openRow(text, fieldName) {
        await this.step(`open the row "${text}"`, async () => {
            if (fieldName) {
                const root = (await this.root()).locator(`.o_field_widget[name="${fieldName}"]`);
                await root.locator('.o_data_row', { hasText: text }).first().click();
                return;
            }
            await this.clickUntilShown(this.page.locator('.o_list_view .o_data_row', { hasText: text }).first(),
                this.page.locator('.o_form_view').first());
        });
    }

    async breadcrumb(index) {
        await this.step('go back through the breadcrumb', () =>
            this.page.locator('.o_control_panel .breadcrumb li a').nth(index || 0).click());
    }

    async fieldText(name) {
        const root = await this.root();
        return (await root.locator(`.o_field_widget[name="${name}"]`).first().innerText()).trim();
    }
}

module.exports = { Actor, JourneyError, escape, USER_FACING };
