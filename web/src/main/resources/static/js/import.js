// The import page: keeps a folder's relative paths with its files, shows the input that goes with each
// metric's mapping choice, and follows an import's progress until its report is ready. Text from the
// server is only ever set as text.
(function () {
  'use strict';

  const folder = document.getElementById('import-folder');
  const paths = document.getElementById('import-folder-paths');
  if (folder && paths) {
    folder.addEventListener('change', () => {
      paths.replaceChildren();
      Array.from(folder.files).forEach((file) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'folderPaths';
        input.value = file.webkitRelativePath || file.name;
        paths.append(input);
      });
    });
  }

  document.querySelectorAll('tr.mapping').forEach((row) => {
    const choice = row.querySelector('.mapping-choice');
    const observable = row.querySelector('.mapping-observable');
    const name = row.querySelector('.mapping-name');
    function show() {
      observable.hidden = choice.value !== 'observable';
      name.hidden = choice.value !== 'new';
    }
    choice.addEventListener('change', show);
    show();
  });

  const bar = document.getElementById('import-progress');
  if (bar && window.fetch) {
    const phase = document.getElementById('import-phase');
    const percent = document.getElementById('import-percent');
    async function poll() {
      try {
        const response = await fetch(bar.dataset.status, { headers: { Accept: 'application/json' } });
        if (response.ok) {
          const status = await response.json();
          bar.value = status.percent;
          phase.textContent = status.phase;
          percent.textContent = status.percent + '%';
          if (status.done) {
            window.location.assign(status.report || bar.dataset.report);
            return;
          }
        }
      } catch (e) {
        // A failed poll is retried below.
      }
      setTimeout(poll, 500);
    }
    poll();
  }
})();
