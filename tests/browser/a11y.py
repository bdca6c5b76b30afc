"""An in-page accessibility check for the pages the browser tests walk through.

It finds: form controls without a label (or aria-label/-labelledby), a page without exactly one h1, heading
levels that skip (h2 -> h4), tables outside `.table-wrap` (they must scroll on phones), a chart (svg; a QR code
aside) without a table of its figures in the same section (the text alternative), and duplicate ids
(hidden inputs aside: several CSRF forms on one page repeat those harmlessly).
"""

from __future__ import annotations

from playwright.sync_api import Page

_CHECK = """
() => {
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    if (!named) problems.push(describe(el) + ' has no label');
  }
  const levels = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
    .map((h) => Number(h.tagName[1]));
  const h1s = levels.filter((l) => l === 1).length;
  if (h1s !== 1) problems.push('the page has ' + h1s + ' h1 headings');
  for (let i = 1; i < levels.length; i++) {
    if (levels[i] > levels[i - 1] + 1) {
      problems.push('heading level skips from h' + levels[i - 1] + ' to h' + levels[i]);
    }
  }
  for (const t of document.querySelectorAll('table')) {
    if (!t.closest('.table-wrap')) problems.push('a table is not inside .table-wrap');
  }
  // A QR code is not a chart: its text alternative is its title and the code printed beside it.
  for (const chart of document.querySelectorAll('main svg:not(.qr-code)')) {
    const box = chart.closest('section') || chart.parentElement;
    if (!box.querySelector('table')) problems.push('a chart has no table with its figures beside it');
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) {
    if (el.tagName === 'INPUT' && el.type === 'hidden') continue;
    ids[el.id] = (ids[el.id] || 0) + 1;
  }
  for (const [id, n] of Object.entries(ids)) if (n > 1) problems.push('id ' + id + ' is used ' + n + ' times');
  return problems;
}
"""


def accessibility_problems(page: Page) -> list[str]:
    """What the check finds on the current page (empty when fine)."""
    return [str(p) for p in page.evaluate(_CHECK)]


def assert_accessible(page: Page) -> None:
    """Fail with the list of problems of the current page."""
    problems = accessibility_problems(page)
    assert not problems, f"accessibility problems on {page.url}:\n" + "\n".join(problems)
