// The release report's script: sorts and filters the version table, and compares any two picked versions.
// It reads its data from the JSON element and builds every node with textContent, so no stored text becomes markup.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var models = {};
  data.forEach(function (model) { models[model.model] = model; });
  document.querySelectorAll('section.model').forEach(function (section) {
    setupTable(section);
    var model = models[section.getAttribute('data-model')];
    if (model) { setupComparison(section, model); }
  });

  function setupTable(section) {
    var table = section.querySelector('table.versions');
    if (!table) { return; }
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.querySelectorAll('th'));
    headers.forEach(function (th) {
      function sort() {
        var column = Number(th.getAttribute('data-column'));
        var numeric = th.getAttribute('data-type') === 'number';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
          var order = numeric ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
    var filter = section.querySelector('.version-filter');
    var shown = section.querySelector('.shown');
    function apply() {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) { count++; }
      });
      shown.textContent = count + ' of ' + body.rows.length + ' versions shown';
    }
    filter.addEventListener('input', apply);
    apply();
  }

  function key(cell, numeric) {
    var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    return numeric ? Number(value) : value.trim().toLowerCase();
  }

  function setupComparison(section, model) {
    var baseline = section.querySelector('.pick-baseline');
    var candidate = section.querySelector('.pick-candidate');
    var target = section.querySelector('.comparison');
    if (!baseline || !candidate || !target) { return; }
    var versions = {};
    model.versions.forEach(function (version) { versions[version.name] = version; });
    function update() {
      var a = versions[baseline.value], b = versions[candidate.value];
      if (!a || !b) { return; }
      target.replaceChildren.apply(target, compare(a, b, model.rules));
      section.setAttribute('data-compared', a.name + ',' + b.name);
    }
    baseline.addEventListener('change', update);
    candidate.addEventListener('change', update);
  }

  function compare(a, b, rules) {
    var nodes = [el('h4', 'Metrics')];
    var metricRows = names(a.metrics, b.metrics).map(function (name) {
      var rule = rules.filter(function (r) { return r.name === name; })[0];
      var judged = verdict(rule, b.metrics[name], a.metrics[name]);
      var row = el('tr', null, [el('td', name), el('td', number(a.metrics[name])), el('td', number(b.metrics[name])),
        cell('diff', signed(b.metrics[name], a.metrics[name])), cell('verdict ' + judged.text.replace(' ', '-'), judged.text, judged.detail)]);
      row.setAttribute('data-metric', name);
      return row;
    });
    nodes.push(table('metric-diff', ['metric', 'baseline', 'candidate', 'difference', 'verdict'], metricRows));
    nodes.push(el('h4', 'Dataset'));
    var changed = a.dataset !== b.dataset;
    var dataset = el('p', changed ? 'changed: ' + a.dataset + ' → ' + b.dataset : 'same: ' + b.dataset);
    dataset.className = 'dataset-diff' + (changed ? ' changed' : '');
    nodes.push(dataset, el('h4', 'Hyperparameters'));
    nodes.push(table('hyper-diff', ['name', 'baseline', 'candidate'], names(a.hyperparameters, b.hyperparameters).map(function (name) {
      var before = has(a.hyperparameters, name) ? a.hyperparameters[name] : '—';
      var after = has(b.hyperparameters, name) ? b.hyperparameters[name] : '—';
      var row = el('tr', null, [el('td', name), el('td', before), el('td', after)]);
      row.setAttribute('data-name', name);
      if (before !== after) { row.className = 'changed'; }
      return row;
    })));
    nodes.push(el('h4', 'Files'));
    if (!a.files || !b.files) {
      var unknown = el('p', 'A manifest is not in the store: no file diff.');
      unknown.className = 'files-unknown';
      nodes.push(unknown);
      return nodes;
    }
    var fileRows = [];
    names(a.files, b.files).forEach(function (path) {
      var old = a.files[path], now = b.files[path];
      var change = !old ? 'added' : !now ? 'removed' : (old[0] !== now[0] || old[1] !== now[1]) ? 'changed' : null;
      if (!change) { return; }
      var row = el('tr', null, [el('td', path), el('td', change), el('td', old ? size(old[0]) : '—'), el('td', now ? size(now[0]) : '—')]);
      row.className = change;
      row.setAttribute('data-path', path);
      fileRows.push(row);
    });
    if (fileRows.length === 0) {
      var same = el('td', 'identical files');
      same.colSpan = 4;
      fileRows.push(el('tr', null, [same]));
    }
    nodes.push(table('file-diff', ['file', 'change', 'baseline size', 'candidate size'], fileRows));
    return nodes;
  }

  // The policy's metric rule, as Validate applies it (src/ModelRelease/Internal/MetricChecks.cs), candidate against baseline.
  function verdict(rule, value, baseline) {
    if (!rule) { return { text: 'no rule', detail: '' }; }
    if (value === undefined) { return rule.required ? { text: 'failed', detail: rule.name + ' missing' } : { text: 'passed', detail: '' }; }
    if (typeof value !== 'number' || !isFinite(value)) { return { text: 'failed', detail: rule.name + ' is not a finite number' }; }
    if (rule.atLeast !== null && value < rule.atLeast) { return { text: 'failed', detail: rule.name + ' below ' + rule.atLeast + ' (at least)' }; }
    if (rule.atMost !== null && value > rule.atMost) { return { text: 'failed', detail: rule.name + ' above ' + rule.atMost + ' (at most)' }; }
    if (rule.tolerance !== null && typeof baseline === 'number' && isFinite(baseline)) {
      var allowed = rule.relative ? Math.abs(baseline) * rule.tolerance / 100 : rule.tolerance;
      var worsening = rule.higher ? baseline - value : value - baseline;
      var slack = 1e-12 * Math.max(1, Math.abs(baseline), Math.abs(value));
      if (worsening > allowed + slack) { return { text: 'failed', detail: rule.name + (rule.higher ? ' dropped ' : ' grew ') + number(worsening) + ' vs baseline' }; }
    }
    return { text: 'passed', detail: '' };
  }

  function names(a, b) {
    var all = Object.keys(a || {}).concat(Object.keys(b || {}));
    return all.filter(function (name, i) { return all.indexOf(name) === i; }).sort(function (x, y) { return x < y ? -1 : x > y ? 1 : 0; });
  }

  function has(object, name) { return Object.prototype.hasOwnProperty.call(object || {}, name); }

  function number(value) {
    if (typeof value !== 'number') { return '—'; }
    return String(Number(value.toPrecision(6))).replace('e', 'E');
  }

  function signed(after, before) {
    if (typeof after !== 'number' || typeof before !== 'number') { return '—'; }
    var change = after - before;
    return (change > 0 ? '+' : '') + number(change);
  }

  function size(bytes) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'], value = bytes, unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    var text = unit === 0 || value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
    return text + ' ' + units[unit];
  }

  function table(className, header, rows) {
    var head = el('tr', null, header.map(function (title) { return el('th', title); }));
    var result = el('table', null, [el('thead', null, [head]), el('tbody', null, rows)]);
    result.className = className;
    return result;
  }

  function cell(className, text, title) {
    var td = el('td', text);
    td.className = className;
    if (title) { td.title = title; }
    return td;
  }

  function el(tag, text, children) {
    var node = document.createElement(tag);
    if (text !== null && text !== undefined) { node.textContent = text; }
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }
}());
