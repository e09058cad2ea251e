/* Custom work: an employee asks for it in the portal; the desk's intake escalates it; the account
 * manager makes a quote in the web client and sends it; the client principal accepts it in the portal;
 * the principal of another directorate finds it neither in the list nor at its address.
 * data: {employee, desk, accountManager, principal, otherPrincipal, subject, question, item, escalation,
 *        price, priceShown}
 * Returns the quote's portal address and what the principal read.
 */
'use strict';

module.exports = async function (gd, data) {
    const employee = await gd.as('employee', data.employee.login, data.employee.password);
    await employee.goto('/my/tickets');
    await employee.clickLink('Stel een vraag');
    await employee.see('Stel de servicedesk een vraag', 'h3');
    await employee.step('write the question', async () => {
        await employee.page.fill('input[name="subject"]', data.subject);
        await employee.page.fill('textarea[name="description"]', data.question);
    });
    await employee.step('send the question', () => Promise.all([
        employee.page.waitForNavigation({ waitUntil: 'load' }),
        employee.page.getByRole('button', { name: 'Versturen' }).click()]));
    await employee.see(data.subject, 'h4');

    // the desk takes it in onto the custom item: the intake hands it to account management
    const desk = await gd.inApp('desk', data.desk, 'Servicedesk', 'Tickets');
    await desk.openRow(data.subject);
    await desk.button('Intake');
    await desk.dialog('Intake');
    await desk.choose('product_tmpl_ids', data.item);
    await desk.see(data.escalation, '.modal.in');
    await desk.button('Bevestigen');
    await desk.dialogClosed();
    await desk.see('Bij accountmanagement', '.o_form_view .o_statusbar_status .btn-primary');

    // the account manager prices the custom work and sends the quote to the principal
    const manager = await gd.inApp('accountmanager', data.accountManager, 'Servicedesk', 'Escalaties');
    await manager.openRow(data.subject);
    await manager.button('Offerte maken');
    await manager.see(data.item, '.o_form_view .o_field_widget[name="order_line"]');
    await manager.click('.o_form_button_edit:visible', 'click Edit');
    await manager.step('enter the price of the custom work', async () => {
        const lines = manager.page.locator('.o_form_view .o_field_widget[name="order_line"]');
        await lines.locator('.o_data_row', { hasText: data.item }).first().locator('td.o_data_cell').first().click();
        const price = lines.locator('.o_selected_row input[name="price_unit"]').first();
        await price.fill(String(data.price));
    });
    await manager.save();
    await manager.see(data.priceShown, '.o_form_view .oe_subtotal_footer');
    await manager.button('Naar de opdrachtgever sturen');
    await manager.see('Offerte verstuurd', '.o_form_view .o_statusbar_status .btn-primary');
    const number = (await manager.page.locator('.o_form_view .oe_title h1').first().innerText()).trim();

    // the client principal finds it waiting on the landing page and accepts it
    const principal = await gd.as('principal', data.principal.login, data.principal.password);
    await principal.goto('/my');
    await principal.clickLink('Offertes die wachten op uw besluit');
    await principal.clickLink(number);
    await principal.see(`Offerte ${number}`, 'h3');
    await principal.see(data.item, 'table');
    await principal.see(data.priceShown, 'table tfoot');
    // the quote's address, without the language the website put in front of it (/nl_NL/my/dva/quote/N)
    const address = new URL(principal.page.url()).pathname.replace(/^\/[a-z]{2}_[A-Z]{2}(?=\/)/, '');
    await principal.screenshot('offerte-voor-de-opdrachtgever');
    await principal.step('accept the quote', () => Promise.all([
        principal.page.waitForNavigation({ waitUntil: 'load' }),
        principal.page.getByRole('button', { name: 'Offerte accepteren' }).click()]));
    await principal.see('de offerte is geaccepteerd', '.alert-success');
    await principal.see('Geaccepteerd');

    // a principal of another directorate: not in the list, not at its address
    const other = await gd.as('otherprincipal', data.otherPrincipal.login, data.otherPrincipal.password);
    await other.goto('/my/dva');
    await other.see('Offertes voor maatwerk', 'h3#quotes');
    await other.see('Er zijn geen offertes voor uw organisatie.');
    await other.notSee(number);
    await other.notFound(address);
    return { number, address };
};
