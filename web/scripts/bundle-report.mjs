// Measures what a first visit downloads: the entry chunk, everything it imports statically,
// and the chunks of the first screens (login, and the dashboard after login), gzipped.
// Fails the build above the budget so the app stays usable on a weak mountain connection.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const BUDGET_KB = 300;
const dist = resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(resolve(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;

function closure(keys) {
  const seen = new Set();
  const visit = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k]?.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return [...seen];
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const byName = (frag) => {
  const k = Object.keys(manifest).find((x) => x.includes(frag));
  if (!k) throw new Error(`no chunk for ${frag}`);
  return k;
};
// The first screens carry the budget; others are reported so growth shows up.
const screens = {
  'login (first visit)': { keys: [entry, byName('modules/auth/LoginPage')], budget: true },
  'dashboard (after login)': { keys: [entry, byName('app/AppLayout'), byName('modules/dashboard/DashboardPage')], budget: true },
  'member list': { keys: [entry, byName('app/AppLayout'), byName('modules/members/MemberListPage')], budget: false },
  'member profile': { keys: [entry, byName('app/AppLayout'), byName('modules/members/MemberProfilePage')], budget: false },
};
const rows = [];
let worst = 0;
for (const [name, { keys, budget }] of Object.entries(screens)) {
  const files = closure(keys).map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const kb = files.reduce((a, f) => a + gz(f), 0) / 1024;
  if (budget) worst = Math.max(worst, kb);
  rows.push({ screen: name, chunks: files.length, gzipKB: Math.round(kb * 10) / 10, budgeted: budget });
}
const all = Object.values(manifest).map((m) => m.file).filter((f) => f.endsWith('.js'));
const totalKB = all.reduce((a, f) => a + gz(f), 0) / 1024;
console.log('\nJavaScript a first visit downloads (gzip -9):');
for (const r of rows) console.log(`  ${r.screen.padEnd(26)} ${String(r.gzipKB).padStart(7)} KB in ${r.chunks} chunks${r.budgeted ? ' (budgeted)' : ''}`);
console.log(`  all chunks (loaded on demand) ${Math.round(totalKB)} KB; budget for shell + first screen ${BUDGET_KB} KB`);
mkdirSync(resolve(dist, '../.bundle'), { recursive: true });
writeFileSync(resolve(dist, '../.bundle/report.json'), JSON.stringify({ date: new Date().toISOString().slice(0, 10), budgetKB: BUDGET_KB, screens: rows, allChunksKB: Math.round(totalKB) }, null, 2));
if (worst > BUDGET_KB) {
  console.error(`Bundle over budget: ${worst.toFixed(1)} KB > ${BUDGET_KB} KB`);
  process.exit(1);
}
