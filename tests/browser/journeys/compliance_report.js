/* The account manager opens a client's compliance and downloads its service delivery report, PDF and xlsx.
 * data: {accountManager, client, item, year, period (a month's name), pdf, xlsx (paths to keep the downloads at)}
 * Returns what the downloads were called.
 */
'use strict';

async function openReport(manager, data) {
    await manager.menu('Rapportage dienstverlening');
    await manager.dialog('Rapportage dienstverlening');
    await manager.choose('client_ids', data.client);
    await manager.fill('year', String(data.year));
    await manager.step(`choose the period ${data.period}`, () =>
        manager.scope().locator('select.o_field_widget[name="period"]').selectOption({ label: data.period }));
}

module.exports = async function (gd, data) {
    const manager = await gd.inApp('accountmanager', data.accountManager, 'Dienstverleningsafspraken', 'Naleving');
    await manager.step(`see the compliance of ${data.item} as a list`, async () => {
        await manager.page.locator('.o_cp_switch_buttons .o_cp_switch_list').first().click();
        await manager.page.locator('.o_list_view .o_data_row', { hasText: data.item }).first().waitFor();
    });

    await openReport(manager, data);
    const pdf = await manager.download('.modal.in .modal-footer button.btn-primary', data.pdf);
    if (!(await manager.inDialog())) {  // the web client closes the dialog once the report is printed
        await openReport(manager, data);
    }
    const xlsx = await manager.download('.modal.in .modal-footer button:has-text("Excel")', data.xlsx);
    return { pdf: pdf.name, xlsx: xlsx.name };
};
