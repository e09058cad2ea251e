odoo.define('gd_catalog.portal_chatter', function (require) {
'use strict';

var core = require('web.core');
var time = require('web.time');
var PortalChatter = require('portal.chatter').PortalChatter;

var _t = core._t;

/**
 * Messages on a case are dated as a Dutch reader writes dates (02-12-2026 17:02, in the reader's own time),
 * not "December 2nd 2026, 5:02:51 am".
 */
PortalChatter.include({
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
