// Typesets the formulas of a page with KaTeX: every element with a data-tex attribute. Its text (the
// formula as stored) stays when KaTeX is missing or the TeX does not parse.
document.addEventListener('DOMContentLoaded', () => {
  if (!window.katex) {
    return;
  }
  document.querySelectorAll('[data-tex]').forEach((el) => {
    const tex = el.getAttribute('data-tex');
    if (!tex) {
      return;
    }
    const plain = el.textContent;
    try {
      window.katex.render(tex, el, { displayMode: el.classList.contains('display'), throwOnError: true });
      el.classList.add('typeset');
      el.setAttribute('title', plain.trim());
    } catch (e) {
      el.textContent = plain;
    }
  });
});
