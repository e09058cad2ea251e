/* axe-core over every portal and public page, as each kind of visitor sees it.
 * data: {visitors: [{name, login, password, pages: [path]}], allowed: [{rule, page, targets, reason}], report}
 * Serious and critical violations fail the journey unless listed in ``allowed`` (Odoo's own markup
 * the suite does not render itself); every violation, of any impact, is written to ``report``.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

module.exports = async function (gd, data) {
    const report = [];
    const failures = [];
    for (const visitor of data.visitors) {
        const actor = await gd.as(visitor.name, visitor.login, visitor.password);  // no login: anonymous
        for (const page of visitor.pages) {
            await actor.goto(page);
            await actor.page.locator('main, #wrapwrap, body').first().waitFor();
            // the messages of a case's chatter (it has at least the case's own) are drawn after the page
            // loaded: the page is checked once they are shown
            await actor.step(`wait for what ${page} draws after loading`, () => actor.page.waitForFunction(() =>
                !document.querySelector('.o_portal_chatter')
                || document.querySelector('.o_portal_chatter .o_portal_chatter_messages .media')));
            await actor.page.addScriptTag({ path: AXE });
            const result = await actor.page.evaluate(
                (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
                TAGS);
            for (const violation of result.violations) {
                const entry = { visitor: visitor.name, page, rule: violation.id, impact: violation.impact,
                                help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) };
                report.push(entry);
                // allowed: the rule on that page (a page ending in "/": every page below it), for the
                // elements named (any element when none are named)
                const rules = (data.allowed || []).filter((a) => a.rule === violation.id
                    && (!a.page || page.split('?')[0] === a.page || (a.page.endsWith('/') && page.startsWith(a.page))));
                const open = entry.targets.filter((target) => !rules.some((a) => !a.targets
                    || a.targets.some((allowedTarget) => target.includes(allowedTarget))));
                if (['serious', 'critical'].includes(violation.impact) && open.length) {
                    failures.push(`${visitor.name} ${page}: ${violation.impact} ${violation.id} (${violation.help}) `
                                  + `at ${open.slice(0, 3).join(', ')}`);
                }
            }
        }
    }
    fs.writeFileSync(data.report, JSON.stringify(report, null, 2));
    if (failures.length) {
        throw new Error(`accessibility violations (all of them in ${data.report}):\n  ${failures.join('\n  ')}`);
    }
};
