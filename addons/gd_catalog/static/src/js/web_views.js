odoo.define('gd_catalog.web_views', function (require) {
'use strict';

/**
 * Words of the web client's graphs and pivots in the user's language:
 * - the bar chart's "Grouped" / "Stacked" switch (nvd3 labels it in English);
 * - a yes/no group of a pivot table reads "Yes" / "No", not "true" / "Undefined".
 */
var core = require('web.core');
var GraphRenderer = require('web.GraphRenderer');
var PivotModel = require('web.PivotModel');

var _t = core._t;

/** nvd3 is loaded with the first graph: its bar chart gets translated switch labels from then on. */
function translateBarChartControls() {
    if (!window.nv || !nv.models || !nv.models.multiBarChart || nv.models.multiBarChart.gdTranslated) {
        return;
    }
    var multiBarChart = nv.models.multiBarChart;
    nv.models.multiBarChart = function () {
        var chart = multiBarChart.apply(this, arguments);
        chart.controlLabels({grouped: _t('Grouped'), stacked: _t('Stacked')});
        return chart;
    };
    nv.models.multiBarChart.gdTranslated = true;
}

GraphRenderer.include({
    _renderBarChart: function () {
        translateBarChartControls();
        return this._super.apply(this, arguments);
    },
});

PivotModel.include({
    _sanitizeValue: function (value, field) {
        var name = field && field.split(':')[0];
        if (name && this.fields[name] && this.fields[name].type === 'boolean') {
            return value ? _t('Yes') : _t('No');
        }
        return this._super.apply(this, arguments);
    },
});

});
