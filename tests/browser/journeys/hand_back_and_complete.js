/* A back office hands a part back with a reason; the desk routes it again; the part is done; the
 * employee follows the case on the portal to its completion notice.
 * data: {desk, ict, employee, subject, number, part, reason, note, partsTotal}
 */
'use strict';

module.exports = async function (gd, data) {
    const ict = await gd.inApp('ict', data.ict, 'Servicedesk', 'Werkorders');
    await ict.openRow(data.part);
    await ict.button('Teruggeven aan de servicedesk');
    await ict.dialog('Teruggeven aan de servicedesk');
    await ict.fill('reason', data.reason);
    await ict.button('Teruggeven');
    await ict.dialogClosed();
    await ict.see('Teruggegeven: ' + data.reason, '.o_form_view .alert-warning');

    const desk = await gd.inApp('desk', data.desk, 'Servicedesk', 'Tickets');
    await desk.openRow(data.subject);
    await desk.see('Een backoffice heeft een onderdeel teruggegeven', '.o_form_view .alert-warning');
    await desk.statButton('Onderdelen gereed');
    await desk.openRow(data.part);
    await desk.button('Opnieuw doorzetten');
    await desk.dialog('Opnieuw doorzetten');
    await desk.see(data.reason, '.modal.in');
    await desk.fill('note', data.note);
    await desk.button('Doorzetten');
    await desk.dialogClosed();
    await desk.see('Nieuw', '.o_form_view .o_statusbar_status .btn-primary');

    await ict.goto('/web');
    await ict.app('Servicedesk');
    await ict.menu('Werkorders');
    await ict.openRow(data.part);
    await ict.see(data.note, '.o_form_view');  // the desk's note, in the part's history
    await ict.button('Gereed');
    await ict.see('Gereed', '.o_form_view .o_statusbar_status .btn-primary');

    const employee = await gd.as('employee', data.employee.login, data.employee.password);
    await employee.goto('/my/tickets');
    const row = employee.page.locator('table tr', { hasText: data.subject }).first();
    await employee.step('see the case completed in the list', () =>
        row.getByText(`${data.partsTotal}/${data.partsTotal}`).waitFor());
    await employee.clickLink(data.subject);
    await employee.see(`Onderdelen gereed: ${data.partsTotal}/${data.partsTotal}`);
    await employee.see(data.part);
    await employee.see(`Uw aanvraag ${data.number}`);
    await employee.see('is gereed');
};
