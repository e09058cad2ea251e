/* The desk registers a walk-in request and takes it in onto a pattern, with its answers.
 * data: {desk, requester, subject, pattern, answers: [..], typedAnswers: [{question, field, value}],
 *        missingAnswerWarning, procedure, parts: [..]}
 */
'use strict';

module.exports = async function (gd, data) {
    const desk = await gd.inApp('desk', data.desk, 'Servicedesk', 'Tickets');
    await desk.create();
    await desk.fill('name', data.subject);
    await desk.choose('partner_id', data.requester);
    await desk.choose('channel_id', 'Balie');
    await desk.fill('description', 'Aan de balie: een nieuwe collega begint volgende maand.');
    await desk.save();
    await desk.see(data.subject, '.o_form_view');

    await desk.button('Intake');
    await desk.dialog('Intake');
    await desk.radio('mode', 'Patroon');
    await desk.choose('pattern_id', data.pattern);
    // the questions of the pattern, and exactly their answers on offer
    await desk.see(data.questions[0], '.modal.in');
    const offered = await desk.offered('option_ids');
    for (const answer of data.offeredAnswers) {
        if (!offered.some((text) => text.includes(answer))) {
            throw new Error(`"Antwoorden" offers ${JSON.stringify(offered)}, not "${answer}"`);
        }
    }
    if (offered.length !== data.offeredAnswers.length) {
        throw new Error(`"Antwoorden" offers ${JSON.stringify(offered)}, expected ${JSON.stringify(data.offeredAnswers)}`);
    }
    // the procedure only the desk sees
    await desk.see(data.procedure, '.modal.in');
    await desk.screenshot('intake-op-patroon');

    // the new colleague's name and start date, typed in the list of text and date answers
    for (const answer of data.typedAnswers || []) {
        await desk.step(`answer "${answer.question}"`, async () => {
            const list = desk.scope().locator('.o_field_widget[name="answer_ids"]');
            await list.locator('.o_data_row', { hasText: answer.question }).first().click();
            const input = list.locator(`.o_selected_row .o_field_widget[name="${answer.field}"] input, `
                                       + `.o_selected_row input.o_field_widget[name="${answer.field}"]`).first();
            await input.fill(answer.value);
            await desk.scope().locator('.modal-title').click();  // leave the row: the list keeps the value
            await list.locator('.o_data_row', { hasText: answer.value }).first().waitFor();
        });
    }

    // one required question left open: a warning that says which, not a server error
    await desk.choose('option_ids', data.answers[0]);
    // after the refusal the form reads the intake again, its answer lines last: wait for them before going on
    const refused = desk.page.waitForResponse((r) => r.url().includes('/web/dataset/call_button'));
    const reread = refused.then(() => desk.page.waitForResponse(
        (r) => r.url().includes('/helpdesk.ticket.intake.answer/read')));
    await desk.button('Bevestigen');
    await desk.warning(data.missingAnswerWarning);
    if ((data.typedAnswers || []).length) {
        await desk.step('wait until the intake is read again', () => reread);
    }
    for (const answer of data.answers.slice(1)) {
        await desk.choose('option_ids', answer);
    }
    await desk.button('Bevestigen');
    await desk.dialogClosed();
    await desk.tab('Voortgang');
    for (const part of data.parts) {
        await desk.see(part, '.o_field_widget[name="work_order_ids"]');
    }
};
