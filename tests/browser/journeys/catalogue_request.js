/* An employee finds a package through a life event in the catalogue, answers its questions, sends the
 * request and sees one case with its parts and the expected completion.
 * data: {employee, event, item, answers: [..], subject, explanation, parts: [..]}
 * Returns the expected completion as the page shows it.
 */
'use strict';

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
        await employee.page.fill('input[name="subject"]', data.subject);
        for (const answer of data.answers) {
            await employee.page.getByLabel(answer, { exact: true }).check();
        }
        await employee.page.fill('textarea[name="description"]', data.explanation);
    });
    await Promise.all([employee.page.waitForNavigation({ waitUntil: 'load' }),
                       employee.page.getByRole('button', { name: 'Aanvraag versturen' }).click()]);
    await employee.see(data.subject, 'h4');
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
