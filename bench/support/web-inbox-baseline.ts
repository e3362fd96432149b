import { Router } from 'express';

/** Where the baseline page is served, on the same express and origin as Baton's web app. */
export const BASELINE_PAGE_PATH = '/bench/baseline-inbox';

/**
 * The floor for showing the inbox's first page in a browser: one static HTML page, no
 * framework, a few lines of plain JavaScript that fetch the same `GET /tasks` the inbox's
 * unclaimed tab fetches (same query, same session cookie, same API) and render the same rows
 * (title linking to the task, department, due date as the app formats it, overdue badge,
 * holder), overdue first then by due date, in a table the same selector finds. What it leaves
 * out is what the app adds: its bundle, reading the session and the user before the list, the
 * lazy page chunk, React, the live-updates stream. The department comes from the page's own
 * query string, where the app reads it from `GET /users/me`.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Inbox (baseline)</title></head>
<body>
<main><h1>Inbox</h1><p id="state">Loading…</p>
<table class="list inbox"><thead><tr><th>Task</th><th>Department</th><th>Due</th><th>Held by</th></tr></thead><tbody></tbody></table></main>
<script>
const department = new URLSearchParams(location.search).get('department');
const format = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
  minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
fetch('/tasks?status=open&assignee=none&department=' + encodeURIComponent(department) + '&limit=100',
  { headers: { accept: 'application/json' }, credentials: 'same-origin' })
  .then((response) => response.json())
  .then((page) => {
    const now = Date.now();
    const late = (task) => task.overdue || Date.parse(task.dueAt) < now;
    const tasks = page.items.sort((a, b) => late(b) - late(a) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const cell = (row, text) => { const td = row.insertCell(); td.textContent = text; return td; };
    const body = document.querySelector('tbody');
    for (const task of tasks) {
      const row = body.insertRow();
      const link = document.createElement('a');
      link.href = '/app/tasks/' + encodeURIComponent(task.id);
      link.textContent = task.title;
      row.insertCell().append(link);
      cell(row, task.department);
      const due = cell(row, format.format(new Date(task.dueAt)));
      if (late(task)) { row.className = 'late'; due.append(' Overdue'); }
      cell(row, task.assignee ? task.assignee.name || task.assignee.id : '—');
    }
    document.getElementById('state').remove();
  });
</script>
</body>
</html>
`;

/** Serves the baseline page, never cached (as the app's own HTML). */
export function baselinePage(): Router {
  const router = Router();
  router.get(BASELINE_PAGE_PATH, (_request, response) => {
    response.set('Cache-Control', 'no-store').type('html').send(PAGE);
  });
  return router;
}
