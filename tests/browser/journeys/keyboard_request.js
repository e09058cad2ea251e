/* An employee fills in and sends the request form with the keyboard alone: Tab to each field, typing,
 * the arrow keys and Space for the answers, Enter to send.
 * data: {employee, item, itemId, subject, explanation, answers: [{name, value}], parts: [..]}
 */
'use strict';

module.exports = async function (gd, data) {
    const employee = await gd.as('employee', data.employee.login, data.employee.password);
    await employee.goto(`/servicedesk/request/${data.itemId}`);
    await employee.see(data.item, 'h3');
    await employee.tabTo('input[name="subject"]');
    await employee.step('type the subject', async () => {
        await employee.page.keyboard.press('Control+A');
        await employee.page.keyboard.type(data.subject);
    });
    for (const answer of data.answers) {
        await employee.radioByKeyboard(answer.name, answer.value);
    }
    await employee.tabTo('textarea[name="description"]');
    await employee.step('type the explanation', () => employee.page.keyboard.type(data.explanation));
    await employee.tabTo('form button.btn-primary');
    await employee.step('send the request with Enter', () => Promise.all([
        employee.page.waitForNavigation({ waitUntil: 'load' }),
        employee.page.keyboard.press('Enter')]));
    await employee.see(data.subject, 'h4');
    for (const part of data.parts) {
        await employee.see(part, 'table');
    }
};
