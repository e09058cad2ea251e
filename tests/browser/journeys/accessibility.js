/* axe-core over every portal and public page, as each kind of visitor sees it.
 * data: {visitors: [{name, login, password, pages: [path]}], allowed: [{rule, page}], report}
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
        const actor = await gd.as(visitor.name, visitor.login, visitor.password);
        for (const page of visitor.pages) {
            await actor.goto(page);
            await actor.page.locator('main, #wrapwrap, body').first().waitFor();
            await actor.page.addScriptTag({ path: AXE });
            const result = await actor.page.evaluate(
                (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
                TAGS);
            for (const violation of result.violations) {
                const entry = { visitor: visitor.name, page, rule: violation.id, impact: violation.impact,
                                help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) };
                report.push(entry);
                const allowed = (data.allowed || []).some((a) => a.rule === violation.id
                    && (!a.page || page.startsWith(a.page)));
                if (['serious', 'critical'].includes(violation.impact) && !allowed) {
                    failures.push(`${visitor.name} ${page}: ${violation.impact} ${violation.id} (${violation.help}) `
                                  + `at ${entry.targets.slice(0, 3).join(', ')}`);
                }
            }
        }
    }
    fs.writeFileSync(data.report, JSON.stringify(report, null, 2));
    if (failures.length) {
        throw new Error(`accessibility violations (all of them in ${data.report}):\n  ${failures.join('\n  ')}`);
    }
};
