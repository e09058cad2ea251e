odoo.define('gd_catalog.portal_chatter', function (require) {
'use strict';

var ajax = require('web.ajax');
var core = require('web.core');
var time = require('web.time');
var PortalChatter = require('portal.chatter').PortalChatter;

var _t = core._t;
var qweb = core.qweb;

/**
 * Messages on a case are dated as a Dutch reader writes dates (02-12-2026 17:02, in the reader's own time),
 * not "December 2nd 2026, 5:02:51 am".
 */
PortalChatter.include({
    /**
     * Odoo's chatter templates, then the suite's changes to them (the avatars' empty alternative text).
     */
    _loadTemplates: function () {
        return $.when(this._super.apply(this, arguments)).then(function () {
            return ajax.loadXML('/gd_catalog/static/src/xml/portal_chatter.xml', qweb);
        });
    },
    preprocessMessages: function (messages) {
        messages = this._super.apply(this, arguments);
        _.each(messages, function (message) {
            var date = moment(time.str_to_datetime(message.date));
            message.published_date_str = _.str.sprintf(_t('Published on %s'), date.format('DD-MM-YYYY HH:mm'));
        });
        return messages;
    },
});

});
