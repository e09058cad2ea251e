/* Runs one browser journey in Debian's chromium through playwright-core.
 *
 *   node runner.js PARAMS.json
 *
 * PARAMS: {journey, baseUrl, chromium, artifacts, data}. The journey module (journeys/<journey>.js)
 * exports ``async function (gd, data)``, which may return what it read on the screens (printed as
 * JSON after "JOURNEY-RESULT"). Exit 0 when it passed; otherwise 1, with the reason on
 * stderr and a screenshot of every open page in ``artifacts``. Any browser console error, uncaught
 * page error or server error in an RPC answer fails the journey, also when its steps passed.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { Actor, JourneyError } = require('./lib');

// ./gd screenshots: the journeys save the README's screens in this folder (see Actor.screenshot)
const SCREENSHOTS = process.env.GD_SCREENSHOTS;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main() {
    const params = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
    const journey = require(path.join(__dirname, 'journeys', params.journey + '.js'));
    fs.mkdirSync(params.artifacts, { recursive: true });
    // Every launch gets a fresh temporary profile (playwright's own --user-data-dir), removed on close.
    const browser = await chromium.launch({ executablePath: params.chromium, headless: true, args: FLAGS });
    const actors = [];
    const gd = {
        params,
        /** A person with a browser window of their own (own cookies), logged in when a login is given. */
        async as(name, login, password, options) {
            const context = await browser.newContext(Object.assign(
                { locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true,
                  viewport: SCREENSHOTS ? { width: 1280, height: 800 } : { width: 1366, height: 900 } },
                options || {}));
            const actor = new Actor(name, context, await context.newPage(), params);
            actors.push(actor);
            if (login) {
                await actor.login(login, password);
            }
            return actor;
        },
        /** ``user`` ({login, password}) signed in, in the web client's ``app`` on the list of its ``menu``. */
        async inApp(name, user, app, menu) {
            const actor = await gd.as(name, user.login, user.password);
            await actor.app(app);
            await actor.menu(menu);
            return actor;
        },
    };
    let failure = null;
    try {
        const seen = await journey(gd, params.data || {});
        for (const actor of actors) {
            actor.assertNoErrors();
        }
        // what the journey read on the screens, for the test to compare with the records
        process.stdout.write(`JOURNEY-RESULT ${JSON.stringify(seen || {})}\n`);
    } catch (error) {
        failure = error;
    }
    if (failure) {
        for (const actor of actors) {
            const file = path.join(params.artifacts, `${params.journey}-${actor.name}.png`);
            try {
                await actor.page.screenshot({ path: file, fullPage: true, timeout: 10000 });
                fs.writeFileSync(file.replace(/\.png$/, '.html'), await actor.page.content());
                process.stderr.write(`screenshot: ${file} (page: .html)\n`);
            } catch (error) {
                process.stderr.write(`no screenshot of ${actor.name}: ${error.message}\n`);
            }
        }
        const reason = failure instanceof JourneyError ? failure.message : (failure.stack || String(failure));
        process.stderr.write(`journey ${params.journey} failed: ${reason}\n`);
        for (const actor of actors) {
            const errors = actor.errors();
            if (errors.length) {
                process.stderr.write(`browser errors of ${actor.name}:\n  ${errors.join('\n  ')}\n`);
            }
        }
    }
    await browser.close();
    process.exitCode = failure ? 1 : 0;
}

main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exitCode = 2;
});
