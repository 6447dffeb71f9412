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

  // Names longer than this are cut at a word in the drawing; the whole name shows when the node is chosen.
  var LABEL_LENGTH = 36;

  function shorten(text) {
    if (!text || text.length <= LABEL_LENGTH) { return text; }
    var cut = text.lastIndexOf(' ', LABEL_LENGTH - 1);
    return text.substring(0, cut > LABEL_LENGTH / 2 ? cut : LABEL_LENGTH - 1) + '…';
  }

  function addNode(elements, seen, iri, answer, role) {
    if (seen[iri]) {
      if (role) { seen[iri].data.role = role; }
      return;
    }
    var info = answer.nodes[iri] || { label: iri, types: [], href: null };
    var node = { group: 'nodes', data: { id: iri, label: shorten(info.label), full: info.label, kind: kind(info.types),
      href: info.href, role: role || 'inner' } };
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
        'label': 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 110, 'text-overflow-wrap': 'anywhere',
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
      { selector: 'edge.highlight', style: { 'width': 5 } },
      { selector: '.filtered', style: { 'display': 'none' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f08c00' } }
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

  // A neighbourhood is laid out on a grid of cells as large as the largest node with its name, filled from the
  // centre outwards (the asked-for node in the middle, then by distance), so that no two names overlap and the
  // drawing uses the width of the box; paths and why trees go in levels from their start.
  function gridPositions(cy, container) {
    var nodes = cy.nodes().toArray();
    // A name is at most 110 px wide (it wraps, long words too) and 36 characters long: at most four lines of
    // 13 px under its dot. Every cell holds that much, so no name can reach into the next cell; the cells are
    // not measured, since a node just added may not have measured its name yet.
    var cellW = 110 + 20;
    var cellH = 28 + 4 + 4 * 13 + 16;
    var aspect = Math.max(0.5, container.clientWidth / Math.max(1, container.clientHeight));
    var cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length * aspect * cellH / cellW)));
    var rows = Math.max(1, Math.ceil(nodes.length / cols));
    var cells = [];
    for (var r = 0; r < rows + 1; r++) {
      for (var c = 0; c < cols; c++) {
        cells.push({ x: (c - (cols - 1) / 2) * cellW, y: (r - rows / 2) * cellH });
      }
    }
    cells.sort(function (a, b) {
      return (a.x * a.x / (aspect * aspect) + a.y * a.y) - (b.x * b.x / (aspect * aspect) + b.y * b.y);
    });
    nodes.sort(function (a, b) {
      return (a.data('distance') || 0) - (b.data('distance') || 0) || b.degree() - a.degree();
    });
    var positions = {};
    nodes.forEach(function (n, i) { positions[n.id()] = cells[i]; });
    return positions;
  }

  function arrange(cy, neighbourhood, root, container) {
    if (neighbourhood) {
      var positions = gridPositions(cy, container);
      cy.batch(function () {
        cy.nodes().forEach(function (n) { n.position({ x: positions[n.id()].x, y: positions[n.id()].y }); });
      });
      cy.fit(undefined, 12);
      return;
    }
    cy.layout({ name: 'breadthfirst', roots: cy.getElementById(root), directed: false, spacingFactor: 1,
      avoidOverlap: true, nodeDimensionsIncludeLabels: true, animate: false }).run();
  }

  // Hides the links of the kinds unticked in the legend, and the nodes left without a shown link.
  function applyFilter(cy, box) {
    var hidden = {};
    box.querySelectorAll('input.link-filter').forEach(function (input) { hidden[input.value] = !input.checked; });
    cy.batch(function () {
      cy.edges().forEach(function (e) { e.toggleClass('filtered', !!hidden[e.data('polarity')]); });
      cy.nodes().forEach(function (n) {
        var shown = n.connectedEdges().filter(function (e) { return !e.hasClass('filtered'); }).length > 0;
        n.toggleClass('filtered', !shown && n.data('role') !== 'end');
      });
    });
  }

  // Shows the chosen node's whole name as a link to its page.
  function choose(selection, node) {
    selection.replaceChildren();
    var href = node.data('href');
    var name = document.createElement(href ? 'a' : 'strong');
    name.textContent = node.data('full') || node.data('label');
    if (href) { name.href = href; }
    selection.append(name);
    selection.hidden = false;
  }

  // Adds the node's direct neighbours to the drawing, once, and lays the drawing out again.
  function expand(cy, node, neighbourhood, root, container) {
    if (node.data('expanded')) { return; }
    node.data('expanded', true);
    container.setAttribute('data-expanding', node.id());
    fetch('/api/neighbourhood?hops=1&maxNodes=40&node=' + encodeURIComponent(node.id()),
      { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
        return response.json();
      })
      .then(function (answer) {
        var seen = {};
        cy.elements().forEach(function (e) { seen[e.id()] = true; });
        var elements = [];
        var local = {};
        var distance = (node.data('distance') || 0) + 1;
        answer.neighbours.forEach(function (n) {
          if (!seen[n.iri]) {
            addNode(elements, local, n.iri, answer, null);
            local[n.iri].data.distance = distance;
            // a copy: Cytoscape keeps the object it is given, and one object shared by nodes moves them together
            local[n.iri].position = { x: node.position('x'), y: node.position('y') };
          }
        });
        answer.links.forEach(function (l) {
          if (!seen[l.subject + ' ' + l.predicate + ' ' + l.object]
              && (seen[l.subject] || local[l.subject]) && (seen[l.object] || local[l.object])) {
            addEdge(elements, local, l.subject, l.predicate, l.object, l.polarity, answer);
          }
        });
        cy.add(elements);
        arrange(cy, neighbourhood, root, container);
        applyFilter(cy, container.closest('.graph-box'));
        container.setAttribute('data-drawn', String(cy.nodes().length));
        container.removeAttribute('data-expanding');
      })
      .catch(function (error) {
        container.setAttribute('data-error', error.message);
      });
  }

  // At first a neighbourhood shows its nearest nodes only, as many as stay readable in the box; the others
  // come with the nodes they neighbour, when those are clicked (the full list is under the drawing).
  var FIRST_NODES = 60;

  function nearest(answer) {
    if (!answer.neighbours || answer.neighbours.length <= FIRST_NODES) { return answer; }
    var kept = answer.neighbours.slice().sort(function (a, b) { return a.distance - b.distance; })
      .slice(0, FIRST_NODES);
    var ids = {};
    kept.forEach(function (n) { ids[n.iri] = true; });
    return { node: answer.node, nodes: answer.nodes, predicates: answer.predicates, neighbours: kept,
      links: answer.links.filter(function (l) { return ids[l.subject] && ids[l.object]; }),
      hidden: answer.neighbours.length - kept.length };
  }

  function draw(container, full) {
    var answer = nearest(full);
    var graph = elementsOf(answer);
    var neighbourhood = !!answer.neighbours;
    graph.elements.forEach(function (e) {
      if (e.group === 'nodes' && e.data.distance === undefined) {
        e.data.distance = e.data.role === 'end' ? 0 : 1;
      }
    });
    var cy = cytoscape({
      container: container, elements: graph.elements, style: style(), layout: { name: 'preset' },
      wheelSensitivity: 0.3, minZoom: 0.1, maxZoom: 3
    });
    arrange(cy, neighbourhood, graph.root, container);
    if (cy.edges().length > 25) {
      // Many links: their names show on hover only, so that the node names stay readable.
      cy.edges().addClass('quiet');
      cy.on('mouseover', 'edge', function (event) { event.target.removeClass('quiet'); });
      cy.on('mouseout', 'edge', function (event) { event.target.addClass('quiet'); });
    }
    var box = container.closest('.graph-box') || container.parentNode;
    var selection = box.querySelector('.graph-selection');
    cy.on('tap', 'node', function (event) {
      if (selection) { choose(selection, event.target); }
      expand(cy, event.target, neighbourhood, graph.root, container);
    });
    box.querySelectorAll('input.link-filter').forEach(function (input) {
      input.addEventListener('change', function () { applyFilter(cy, box); });
    });
    var partial = box.querySelector('.graph-partial');
    if (partial && answer.hidden) {
      partial.textContent = partial.getAttribute('data-text').replace('{0}', String(cy.nodes().length))
        .replace('{1}', String(answer.hidden));
      partial.hidden = false;
    }
    var filters = box.querySelector('.link-filters');
    if (filters) { filters.hidden = false; }
    highlightPaths(cy);
    container.atlasGraph = cy;
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
