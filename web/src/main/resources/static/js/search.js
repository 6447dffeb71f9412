// Autocomplete for the search box in the page header: asks the index for names as the reader types
// and offers them as links. Text from the server is only ever set as text, never as markup.
(function () {
  'use strict';

  const input = document.getElementById('site-search');
  const list = document.getElementById('site-search-suggestions');
  if (!input || !list || !window.fetch) {
    return;
  }
  const endpoint = input.dataset.suggest;
  let timer = null;
  let pending = null;
  let options = [];
  let active = -1;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(index) {
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function render(suggestions) {
    list.replaceChildren();
    options = suggestions.map((s, i) => {
      const item = document.createElement('li');
      item.id = 'site-search-option-' + i;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      const link = document.createElement('a');
      link.href = s.href || ('/search?q=' + encodeURIComponent(s.label));
      link.textContent = s.label;
      const kind = document.createElement('small');
      kind.className = 'kind';
      kind.textContent = s.typeLabel || s.type;
      link.append(' ', kind);
      item.append(link);
      list.append(item);
      return item;
    });
    active = -1;
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(options.length > 0));
  }

  async function suggest(text) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    const url = endpoint + '?limit=8&q=' + encodeURIComponent(text);
    const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: pending.signal });
    if (!response.ok) {
      return;
    }
    const body = await response.json();
    if (input.value.trim() === text) {
      render(body.suggestions || []);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length === 0) {
      close();
      return;
    }
    timer = setTimeout(() => suggest(text).catch(() => {}), 120);
  });

  input.addEventListener('keydown', (event) => {
    if (list.hidden) {
      return;
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      window.location.assign(options[active].querySelector('a').href);
    } else if (event.key === 'Escape') {
      close();
    }
  });

  document.addEventListener('click', (event) => {
    if (!event.target.closest('.site-search')) {
      close();
    }
  });
})();
