odoo.define('gd_catalog.crash_manager', function (require) {
"use strict";
/**
 * A message the suite raises for the user (UserError, ValidationError) is a warning, and is titled so.
 *
 * Odoo 11 titles every answer in error of a JSON-RPC call with its envelope's text "Odoo Server Error"
 * and adds the kind ("Validation Error"), so a plain "answer the question first" looked like a crash.
 */
var CrashManager = require('web.CrashManager');
var core = require('web.core');

var _t = core._t;
var MESSAGES = ['user_error', 'warning', 'validation_error'];

CrashManager.include({
    show_warning: function (error) {
        if (error.data && _.contains(MESSAGES, error.data.exception_type)) {
            error = _.extend({}, error, {
                type: _t("Warning"),
                data: _.extend({}, error.data, {title: ''}),
            });
        }
        return this._super(error);
    },
});
});
