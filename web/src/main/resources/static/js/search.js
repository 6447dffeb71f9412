// Autocomplete for the search box in the page header: asks the index for names as the reader types
// and offers them as links. Fields that take a node by name (input[data-complete], as on /trace and
// /why) get the same names; picking one writes the name into the field instead of leaving the page.
// Text from the server is only ever set as text, never as markup.
(function () {
  'use strict';

  if (!window.fetch) {
    return;
  }

  function attach(input, list, fill, optionPrefix) {
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
        item.id = optionPrefix + i;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        const link = document.createElement('a');
        link.href = s.href || ('/search?q=' + encodeURIComponent(s.label));
        link.textContent = s.label;
        link.dataset.name = s.label;
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
        pick(options[active].querySelector('a'));
      } else if (event.key === 'Escape') {
        close();
      }
    });

    function pick(link) {
      if (fill) {
        input.value = link.dataset.name;
        close();
      } else {
        window.location.assign(link.href);
      }
    }

    list.addEventListener('click', (event) => {
      const link = event.target.closest('a');
      if (link && fill) {
        event.preventDefault();
        pick(link);
      }
    });

    document.addEventListener('click', (event) => {
      if (event.target !== input && !list.contains(event.target)) {
        close();
      }
    });
  }

  const header = document.getElementById('site-search');
  const headerList = document.getElementById('site-search-suggestions');
  if (header && headerList) {
    attach(header, headerList, false, 'site-search-option-');
  }
  document.querySelectorAll('input[data-complete]').forEach((field, i) => {
    const list = document.createElement('ul');
    list.id = (field.id || 'name-field-' + i) + '-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    field.setAttribute('role', 'combobox');
    field.setAttribute('aria-autocomplete', 'list');
    field.setAttribute('aria-expanded', 'false');
    field.setAttribute('aria-controls', list.id);
    field.setAttribute('autocomplete', 'off');
    field.parentNode.classList.add('name-field');
    field.after(list);
    attach(field, list, true, list.id + '-option-');
  });
})();
