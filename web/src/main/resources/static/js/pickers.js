// Entity pickers for the submission forms: a reference field suggests, from the search index, nodes of
// the kinds its shape allows, and fills in the chosen node's IRI. Text from the server is only ever set
// as text, never as markup.
(function () {
  'use strict';

  const fields = document.querySelectorAll('.reference[data-types]');
  if (fields.length === 0 || !window.fetch) {
    return;
  }

  fields.forEach((field) => {
    const kinds = field.dataset.types.split(' ').filter(Boolean).map((t) => t.slice(t.lastIndexOf('#') + 1));
    const list = document.createElement('ul');
    list.className = 'suggestions picker';
    list.id = field.id + '-picks';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    field.after(list);
    field.setAttribute('aria-controls', list.id);
    field.setAttribute('autocomplete', 'off');
    let timer = null;
    let pending = null;

    // The text being typed: the whole input, or the last line of a box that takes several nodes.
    function typed() {
      const lines = field.value.split('\n');
      return lines[lines.length - 1].trim();
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
    }

    function choose(iri) {
      if (field.tagName === 'TEXTAREA') {
        const lines = field.value.split('\n');
        lines[lines.length - 1] = iri;
        field.value = lines.join('\n') + '\n';
      } else {
        field.value = iri;
      }
      close();
      // A picker that adds to a shareable address (the compare page) submits its form at once.
      if (field.dataset.submitOnPick === 'true' && field.form) {
        field.form.requestSubmit();
        return;
      }
      field.focus();
    }

    async function suggest(text) {
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      const type = kinds.length === 1 ? '&type=' + encodeURIComponent(kinds[0]) : '';
      const response = await fetch('/api/search?limit=8&q=' + encodeURIComponent(text) + type, {
        headers: { Accept: 'application/json' },
        signal: pending.signal,
      });
      if (!response.ok || typed() !== text) {
        return;
      }
      const body = await response.json();
      const hits = (body.results || []).filter((h) => kinds.includes(h.type));
      list.replaceChildren();
      hits.forEach((hit) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary outline';
        button.textContent = hit.label;
        const kind = document.createElement('small');
        kind.textContent = ' ' + hit.type;
        button.append(kind);
        button.addEventListener('click', () => choose(hit.iri));
        item.append(button);
        list.append(item);
      });
      list.hidden = hits.length === 0;
    }

    field.addEventListener('input', () => {
      clearTimeout(timer);
      const text = typed();
      if (text.length < 2 || text.startsWith('/') || text.startsWith('http')) {
        close();
        return;
      }
      timer = setTimeout(() => suggest(text).catch(() => {}), 150);
    });
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        close();
      }
    });
  });
})();
