// The query editor of /sparql: CodeMirror with SPARQL highlighting, completion of the Atlas prefixes and
// of the ontology's terms (with their labels), and queries run in place: the answer replaces the result
// area under the editor, drawn by the server exactly as the page without scripts draws it. Text from the
// server is only ever set as text or moved in as parsed nodes of our own page, never as markup strings.
(function () {
  'use strict';

  const form = document.getElementById('sparql-form');
  const textarea = document.getElementById('query');
  const output = document.getElementById('sparql-output');
  const format = document.getElementById('sparql-format');
  if (!form || !textarea || !output || !window.CodeMirror || !window.fetch) {
    return;
  }
  const vocabulary = JSON.parse(textarea.dataset.vocabulary || '{"prefixes":{},"terms":[]}');
  const language = document.documentElement.lang === 'zh' ? 'zh' : 'en';
  const KEYWORDS = ['SELECT', 'DISTINCT', 'WHERE', 'PREFIX', 'BASE', 'OPTIONAL', 'FILTER', 'NOT EXISTS', 'EXISTS',
    'MINUS', 'UNION', 'GRAPH', 'BIND', 'VALUES', 'AS', 'ORDER BY', 'GROUP BY', 'HAVING', 'LIMIT', 'OFFSET',
    'ASK', 'CONSTRUCT', 'DESCRIBE', 'FROM', 'FROM NAMED', 'COUNT', 'SUM', 'MIN', 'MAX', 'AVG', 'SAMPLE',
    'GROUP_CONCAT', 'STR', 'LANG', 'LANGMATCHES', 'CONTAINS', 'STRSTARTS', 'REGEX', 'LCASE', 'BOUND',
    'COALESCE', 'IF', 'DESC', 'ASC'];

  function label(term) {
    return term[language] || term.en || term.zh || '';
  }

  function declared(text, prefix) {
    return new RegExp('^\\s*PREFIX\\s+' + prefix + ':', 'im').test(text);
  }

  // Picking a term whose prefix the query does not declare adds the declaration on the first line.
  function pickTerm(cm, data, completion) {
    cm.replaceRange(completion.text, data.from, data.to, 'complete');
    const prefix = completion.text.slice(0, completion.text.indexOf(':'));
    const namespace = vocabulary.prefixes[prefix];
    if (namespace && !declared(cm.getValue(), prefix)) {
      cm.replaceRange('PREFIX ' + prefix + ': <' + namespace + '>\n', { line: 0, ch: 0 }, null, 'complete');
    }
  }

  function pickPrefix(cm, data, completion) {
    pickTerm(cm, data, completion);
    setTimeout(() => cm.showHint({ completeSingle: false }), 0);
  }

  function render(element, self, item) {
    element.append(item.text);
    if (item.note) {
      const note = document.createElement('small');
      note.className = 'hint-note';
      note.textContent = ' ' + item.note;
      element.append(note);
    }
  }

  function complete(cm) {
    const cursor = cm.getCursor();
    const line = cm.getLine(cursor.line);
    let start = cursor.ch;
    while (start > 0 && /[\w:\-]/.test(line.charAt(start - 1))) {
      start--;
    }
    const word = line.slice(start, cursor.ch);
    const lower = word.toLowerCase();
    const colon = word.indexOf(':');
    let list;
    if (colon >= 0) {
      const prefix = lower.slice(0, colon + 1);
      const rest = lower.slice(colon + 1);
      list = vocabulary.terms
        .filter((t) => t.name.toLowerCase().startsWith(prefix)
          && (t.name.toLowerCase().startsWith(lower) || (rest && label(t).toLowerCase().includes(rest))))
        .map((t) => ({ text: t.name, note: label(t), hint: pickTerm, render: render }));
    } else {
      const prefixes = Object.keys(vocabulary.prefixes)
        .filter((p) => p.startsWith(lower))
        .map((p) => ({ text: p + ':', note: vocabulary.prefixes[p], hint: pickPrefix, render: render }));
      const keywords = word.length === 0 ? [] : KEYWORDS
        .filter((k) => k.toLowerCase().startsWith(lower))
        .map((k) => ({ text: k, render: render }));
      const terms = word.length < 2 ? [] : vocabulary.terms
        .filter((t) => t.name.slice(t.name.indexOf(':') + 1).toLowerCase().startsWith(lower)
          || label(t).toLowerCase().includes(lower))
        .map((t) => ({ text: t.name, note: label(t), hint: pickTerm, render: render }));
      list = prefixes.concat(keywords, terms);
    }
    return {
      list: list.slice(0, 60),
      from: CodeMirror.Pos(cursor.line, start),
      to: CodeMirror.Pos(cursor.line, cursor.ch),
    };
  }

  function message(text) {
    const note = document.createElement('p');
    note.className = 'status';
    note.textContent = text;
    output.replaceChildren(note);
  }

  function bringIntoView() {
    // The answer's first lines come into the window; the editor above stays in it as far as it can.
    const top = output.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) {
      window.scrollBy(0, top - window.innerHeight * 0.4);
    }
  }

  async function run() {
    editor.save();
    if (format && format.value !== 'html') {
      form.submit();
      return;
    }
    const parameters = new URLSearchParams(new FormData(form)).toString();
    const address = form.action + '?' + parameters;
    message(output.dataset.running);
    try {
      const response = await fetch(address, { headers: { Accept: 'text/html' } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const answer = page.getElementById('sparql-output');
      if (answer) {
        output.replaceChildren(...Array.from(answer.childNodes));
        history.replaceState(null, '', address);
      } else {
        message(output.dataset.failed.replace('{0}', String(response.status)));
      }
    } catch (e) {
      message(output.dataset.failed.replace('{0}', e.message));
    }
    bringIntoView();
  }

  const editor = CodeMirror.fromTextArea(textarea, {
    mode: 'application/sparql-query',
    lineNumbers: true,
    lineWrapping: true,
    viewportMargin: Infinity,
    extraKeys: {
      'Ctrl-Space': 'autocomplete',
      'Ctrl-Enter': run,
      'Cmd-Enter': run,
    },
    hintOptions: { hint: complete, completeSingle: false, closeCharacters: /[\s()\[\]{};>,]/ },
  });
  editor.on('inputRead', (cm, change) => {
    if (change.text.length === 1 && change.text[0] === ':') {
      cm.showHint({ completeSingle: false });
    }
  });
  form.addEventListener('submit', (event) => {
    if (!format || format.value === 'html') {
      event.preventDefault();
      run();
    }
  });
  const hint = document.getElementById('sparql-editor-hint');
  if (hint) {
    hint.hidden = false;
  }
  window.atlasSparqlEditor = editor;
})();
