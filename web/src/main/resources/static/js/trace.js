// Draws the answer of the tracing API (/api/trace, /api/why, /api/neighbourhood) with Cytoscape.js.
// The page names the answer in data-source on #trace-graph; the same answer is listed as text beside it.
(function () {
  'use strict';

  var ATLAS = 'https://w3id.org/physics-of-ai/atlas#';
  var COLOURS = {
    Phenomenon: '#7048e8', Observable: '#0c8599', Experiment: '#c27c0e', Run: '#e8a200',
    Series: '#94d82d', Observation: '#2b8a3e', Claim: '#1c7ed6', Law: '#5f3dc4',
    LawParameter: '#9775fa', LawCheck: '#e8590c', Detector: '#d6336c', Source: '#868e96',
    Model: '#495057', Task: '#495057', Dataset: '#495057', Variable: '#adb5bd',
    ConfigSetting: '#adb5bd', Insight: '#f783ac'
  };
  var EDGE_COLOURS = { supporting: '#2f9e44', qualifying: '#f08c00', disputing: '#e03131', structure: '#868e96' };

  function kind(types) {
    for (var i = 0; i < (types || []).length; i++) {
      if (types[i].indexOf(ATLAS) === 0 && COLOURS[types[i].substring(ATLAS.length)]) {
        return types[i].substring(ATLAS.length);
      }
    }
    return 'Other';
  }

  function addNode(elements, seen, iri, answer, role) {
    if (seen[iri]) {
      if (role) { seen[iri].data.role = role; }
      return;
    }
    var info = answer.nodes[iri] || { label: iri, types: [], href: null };
    var node = { group: 'nodes', data: { id: iri, label: info.label, kind: kind(info.types), href: info.href, role: role || 'inner' } };
    seen[iri] = node;
    elements.push(node);
  }

  function addEdge(elements, seen, subject, predicate, object, polarity, answer, path) {
    var id = subject + ' ' + predicate + ' ' + object;
    if (seen[id]) {
      if (path !== undefined) { seen[id].data.paths.push(path); }
      return;
    }
    var edge = { group: 'edges', data: {
      id: id, source: subject, target: object, label: answer.predicates[predicate] || predicate,
      polarity: polarity || 'structure', paths: path === undefined ? [] : [path] } };
    seen[id] = edge;
    elements.push(edge);
  }

  function elementsOf(answer) {
    var elements = [];
    var seen = {};
    var root;
    if (answer.paths) {
      root = answer.from;
      addNode(elements, seen, answer.from, answer, 'end');
      addNode(elements, seen, answer.to, answer, 'end');
      answer.paths.forEach(function (path, p) {
        path.nodes.forEach(function (iri) { addNode(elements, seen, iri, answer); });
        path.hops.forEach(function (hop) {
          addEdge(elements, seen, hop.from, hop.predicate, hop.to, hop.polarity, answer, p);
        });
      });
    } else if (answer.evidence) {
      root = answer.claim;
      addNode(elements, seen, answer.claim, answer, 'end');
      var walk = function (items, parent) {
        items.forEach(function (item) {
          addNode(elements, seen, item.node, answer);
          addEdge(elements, seen, item.node, item.predicate, parent, item.polarity, answer);
          if (!item.repeated) { walk(item.evidence, item.node); }
        });
      };
      walk(answer.evidence, answer.claim);
    } else {
      root = answer.node;
      answer.neighbours.forEach(function (n) {
        addNode(elements, seen, n.iri, answer, n.distance === 0 ? 'end' : null);
        seen[n.iri].data.distance = n.distance;
      });
      answer.links.forEach(function (l) {
        addEdge(elements, seen, l.subject, l.predicate, l.object, l.polarity, answer);
      });
    }
    return { elements: elements, root: root };
  }

  function style() {
    var rules = [
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 120,
        'text-valign': 'bottom', 'text-margin-y': 4, 'width': 18, 'height': 18,
        'background-color': '#666', 'color': '#212529' } },
      { selector: 'node[role = "end"]', style: {
        'width': 28, 'height': 28, 'border-width': 3, 'border-color': '#212529', 'font-weight': 'bold' } },
      { selector: 'edge', style: {
        'label': 'data(label)', 'font-size': 9, 'curve-style': 'bezier', 'width': 2,
        'target-arrow-shape': 'triangle', 'text-rotation': 'autorotate', 'text-background-color': '#fff',
        'text-background-opacity': 0.8, 'line-color': EDGE_COLOURS.structure,
        'target-arrow-color': EDGE_COLOURS.structure } },
      { selector: 'edge[polarity = "disputing"]', style: { 'line-style': 'dashed', 'width': 3 } },
      { selector: 'edge[polarity = "qualifying"]', style: { 'line-style': 'dotted', 'width': 3 } },
      { selector: '.faded', style: { 'opacity': 0.15 } },
      { selector: 'edge.quiet', style: { 'label': '' } },
      { selector: 'edge.highlight', style: { 'width': 5 } }
    ];
    Object.keys(COLOURS).forEach(function (k) {
      rules.push({ selector: 'node[kind = "' + k + '"]', style: { 'background-color': COLOURS[k] } });
    });
    Object.keys(EDGE_COLOURS).forEach(function (p) {
      rules.push({ selector: 'edge[polarity = "' + p + '"]', style: {
        'line-color': EDGE_COLOURS[p], 'target-arrow-color': EDGE_COLOURS[p] } });
    });
    return rules;
  }

  function highlightPaths(cy) {
    document.querySelectorAll('[data-path]').forEach(function (item) {
      var index = Number(item.getAttribute('data-path'));
      item.addEventListener('mouseenter', function () {
        var edges = cy.edges().filter(function (e) { return e.data('paths').indexOf(index) >= 0; });
        cy.elements().addClass('faded');
        edges.removeClass('faded').addClass('highlight');
        edges.connectedNodes().removeClass('faded');
      });
      item.addEventListener('mouseleave', function () {
        cy.elements().removeClass('faded').removeClass('highlight');
      });
    });
  }

  function draw(container, answer) {
    var graph = elementsOf(answer);
    var layout = answer.neighbours
      ? { name: 'concentric', concentric: function (n) { return 10 - n.data('distance'); },
          levelWidth: function () { return 1; }, minNodeSpacing: 45, spacingFactor: 1.1, animate: false }
      : { name: 'breadthfirst', roots: [graph.root], directed: false, spacingFactor: 1.2, animate: false };
    var cy = cytoscape({
      container: container, elements: graph.elements, style: style(), layout: layout,
      wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3
    });
    if (cy.edges().length > 25) {
      // Many links: their names show on hover only, so that the node names stay readable.
      cy.edges().addClass('quiet');
      cy.on('mouseover', 'edge', function (event) { event.target.removeClass('quiet'); });
      cy.on('mouseout', 'edge', function (event) { event.target.addClass('quiet'); });
    }
    cy.on('tap', 'node', function (event) {
      var href = event.target.data('href');
      if (href && href.charAt(0) === '/') { window.location.href = href; }
    });
    highlightPaths(cy);
    container.setAttribute('data-drawn', String(cy.nodes().length));
  }

  document.addEventListener('DOMContentLoaded', function () {
    var container = document.getElementById('trace-graph');
    if (!container || !container.getAttribute('data-source') || typeof cytoscape === 'undefined') {
      return;
    }
    fetch(container.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
        return response.json();
      })
      .then(function (answer) { draw(container, answer); })
      .catch(function (error) {
        container.setAttribute('data-error', error.message);
        container.textContent = error.message;
      });
  });
}());
