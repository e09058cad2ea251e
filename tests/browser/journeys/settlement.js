/* Finance settles an ended month in the web client and downloads its xlsx; the client principal
 * downloads the statement of the month in the portal.
 * data: {finance, principal, month (as typed, e.g. "01-03-2024"), runName ("2024-03"), portalMonth ("maart 2024"),
 *        xlsx, pdf (paths to keep the downloads at)}
 * Returns the run's total as finance read it and what the downloads were called.
 */
'use strict';

module.exports = async function (gd, data) {
    const finance = await gd.inApp('finance', data.finance, 'Verrekening', 'Verrekenruns');
    await finance.create();
    await finance.step('choose the month', async () => {
        const input = await finance.fieldInput('date_start');
        await input.fill(data.month);
        await input.press('Enter');
    });
    await finance.save();
    await finance.see(data.runName, '.o_form_view .oe_title h1');
    await finance.button('Berekenen');
    await finance.see('Berekend', '.o_form_view .o_statusbar_status .btn-primary');
    await finance.button('Bevestigen');
    await finance.dialog('Bevestiging');
    await finance.see('Een bevestigde run kan niet meer wijzigen', '.modal.in');
    await finance.click('.modal.in .modal-footer .btn-primary', 'click Ok');
    await finance.see('Bevestigd', '.o_form_view .o_statusbar_status .btn-primary');
    const total = await finance.fieldText('amount_total');
    await finance.screenshot('verrekenrun-bevestigd');
    const xlsx = await finance.download('Exporteren (xlsx)', data.xlsx);

    const principal = await gd.as('principal', data.principal.login, data.principal.password);
    await principal.goto('/my');
    await principal.clickLink('Verrekenoverzichten');
    await principal.see('Verrekenoverzichten', 'h3');
    const row = principal.page.locator('table tr', { hasText: data.portalMonth }).first();
    await principal.step(`see the statement of ${data.portalMonth}`, () => row.waitFor());
    const listed = (await row.innerText()).replace(/\s+/g, ' ').trim();
    const pdf = await principal.download('Downloaden (pdf)', data.pdf);
    return { total, listed, xlsx: xlsx.name, pdf: pdf.name };
};
