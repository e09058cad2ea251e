/* An employee finds a package through a life event in the catalogue, answers its questions (the new
 * colleague's name and start date among them), sends the request and sees one case with its parts, the
 * answers and the expected completion.
 * data: {employee, event, item, answers: [..], hiddenQuestion, showsQuestionFor: {answer, question},
 *        texts: [{label, value}], dates: [{label, value (YYYY-MM-DD), shown (as on the case)}], subject,
 *        explanation, parts: [..]}
 * Returns the expected completion as the page shows it.
 */
'use strict';
const path = require('path');

const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');

/* Serious and critical axe-core violations (WCAG 2.1 AA) inside ``selector``: the suite's own markup. */
async function accessible(actor, selector) {
    await actor.page.addScriptTag({ path: AXE });
    const result = await actor.page.evaluate((scope) => window.axe.run(scope, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
    selector);
    const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    if (serious.length) {
        throw new Error(`${selector}: ${serious.map((v) => `${v.impact} ${v.id} (${v.help}) at `
            + v.nodes.map((n) => n.target.join(' ')).join(', ')).join('; ')}`);
    }
}

module.exports = async function (gd, data) {
    const employee = await gd.as('employee', data.employee.login, data.employee.password);
    await employee.goto('/my');
    await employee.clickLink('Alle producten en diensten');
    await employee.see('Gebeurtenissen');
    await employee.clickLink(data.event);
    await employee.see(data.event, 'h2');
    await employee.screenshot('catalogus-levensgebeurtenis');
    await employee.page.locator('.list-group-item', { hasText: data.item }).first().click();
    await employee.see(data.item, 'h1');
    for (const part of data.parts) {
        await employee.see(part);  // "what this package can contain"
    }
    await employee.clickLink('Aanvragen');
    await employee.see(`${data.item}`, 'h3');
    await employee.step('fill in the request', async () => {
        const page = employee.page;
        await page.fill('input[name="subject"]', data.subject);
        // a question that depends on an earlier answer shows only while that answer is chosen
        const dependent = page.getByRole('group', { name: data.showsQuestionFor.question });
        if (await dependent.isVisible()) {
            throw new Error(`"${data.showsQuestionFor.question}" is asked before "${data.showsQuestionFor.answer}" is chosen`);
        }
        await page.getByLabel(data.showsQuestionFor.answer, { exact: true }).check();
        await dependent.waitFor({ state: 'visible' });
        for (const answer of data.answers) {  // with the keyboard: to the option, space chooses it
            await page.getByLabel(answer, { exact: true }).focus();
            await page.keyboard.press('Space');
            if (!(await page.getByLabel(answer, { exact: true }).isChecked())) {
                throw new Error(`"${answer}" is not chosen with the space bar`);
            }
        }
        await page.getByRole('group', { name: data.hiddenQuestion }).waitFor({ state: 'hidden' });
        // the name and the start date, typed with the keyboard
        for (const text of data.texts) {
            await page.getByLabel(text.label).focus();
            await page.keyboard.type(text.value);
        }
        for (const date of data.dates) {
            await page.getByLabel(date.label).fill(date.value);
        }
        await page.fill('textarea[name="description"]', data.explanation);
    });
    await employee.step('check the request form with axe-core', () => accessible(employee, '#gd_request_form'));
    await Promise.all([employee.page.waitForNavigation({ waitUntil: 'load' }),
                       employee.page.getByRole('button', { name: 'Aanvraag versturen' }).press('Enter')]);
    await employee.see(data.subject, 'h4');
    // the answers, as the employee gave them, on the case
    for (const text of data.texts) {
        await employee.see(text.value, '.o_gd_ticket_answers');
    }
    for (const date of data.dates) {
        await employee.see(date.shown, '.o_gd_ticket_answers');
    }
    await employee.step('check the answers with axe-core', () => accessible(employee, '.o_gd_ticket_answers'));
    for (const part of data.parts) {
        await employee.see(part, 'table');
    }
    await employee.see(`Onderdelen gereed: 0/${data.parts.length}`);
    await employee.screenshot('aanvraag-met-onderdelen');
    const expected = await employee.step('read the expected completion', () =>
        employee.page.locator('strong', { hasText: 'Verwachte gereedmelding' }).locator('xpath=following-sibling::span[1]')
            .innerText());

    await employee.goto('/my/tickets');
    const rows = await employee.page.locator('table tbody tr, table tr:not(.active)').filter({ has: employee.page.locator('td') })
        .allInnerTexts();
    if (rows.length !== 1 || !rows[0].includes(data.subject)) {
        throw new Error(`"Aanvragen en vragen" lists ${JSON.stringify(rows)}, not the one case "${data.subject}"`);
    }
    return { expected: expected.trim(), listed: rows[0] };
};
