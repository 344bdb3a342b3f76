// The lifecycle view: lineage graph (SVG), environment columns and a details panel, drawn from the
// image-lifecycle-view/v2 JSON (each image's history inline in a report, fetched on selection from a server). Every text from the catalog is set with textContent or setAttribute,
// never parsed as HTML, so labels and reasons cannot inject markup or script. No eval, no inline handlers.
const SVG = 'http://www.w3.org/2000/svg';
const COLUMNS = ['upstream', 'blessed', 'augmented', 'host'];
// histories: what a server answered for each image's events, by digest ({ events } or { error }; pending: absent)
const state = { data: null, family: '', search: '', selected: null, histories: new Map(), asked: new Set() };

// Control characters (a newline or an escape sequence in a reason) are shown as escapes, as the CLI
// shows them, so that stored text cannot pass for another line of the record.
function printable(text) {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ch =>
    ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[ch] || '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = printable(text);
  return node;
}

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = printable(text);
  return node;
}

function badges(image) {
  const list = [];
  if (image.retired) list.push(['retired', '⊘ retired']);
  else if (image.stage === 'failed') list.push(['failed', '✗ failed']);
  else if (image.stage === 'tested') list.push(['tested', '✓ tested']);
  else if (image.stage === 'deprecated') list.push(['deprecated', '⚠ deprecated' + (image.eol ? ' until ' + image.eol : '')]);
  else list.push(['built', '○ ' + image.stage]);
  if (image.outdated) list.push(['outdated', '↻ outdated']);
  if (image.vulnerable) list.push(['vulnerable', '✱ vulnerable (' + image.vulnerableSeverity + ')']);
  return list;
}

function badgeElements(image) {
  return badges(image).map(([kind, text]) => el('span', { class: 'badge ' + kind }, text));
}

function matches(image) {
  if (state.family && image.family !== state.family) return false;
  if (!state.search) return true;
  const q = state.search.toLowerCase();
  return image.digest.includes(q) || image.family.toLowerCase().includes(q) || image.tags.some((t) => t.toLowerCase().includes(q));
}

function visibleImages() {
  return state.data.images.filter(matches);
}

function renderEnvironments(images) {
  const host = document.getElementById('environments');
  host.replaceChildren();
  const envs = state.data.environments;
  const table = el('table');
  const head = el('tr');
  head.append(el('th', {}, 'family'));
  envs.forEach((e) => head.append(el('th', { scope: 'col' }, e)));
  table.append(head);
  const families = [...new Set(images.map((i) => i.family))].sort();
  for (const family of families) {
    const row = el('tr');
    row.append(el('th', { scope: 'row' }, family));
    for (const env of envs) {
      const cell = el('td');
      for (const image of images.filter((i) => i.family === family && i.environments.includes(env))) {
        const button = el('button', { class: 'digest', type: 'button', 'data-digest': image.digest }, image.shortDigest);
        button.addEventListener('click', () => select(image.digest));
        cell.append(button, ...badgeElements(image));
        const verification = (image.verification || {})[env];
        if (verification && verification !== 'verified') {
          // a placement that is not verified is not eligible downstream: said here, where the environment is shown
          cell.append(el('span', { class: 'badge ' + (verification === 'verifying' ? 'verifying' : 'unverified') },
            (verification === 'verifying' ? '… ' : '✗ ') + verification));
        }
      }
      row.append(cell);
    }
    table.append(row);
  }
  host.append(families.length ? table : el('p', { class: 'empty' }, 'No image matches.'));
}

function column(image) {
  return image.role === 'blessed' ? 1 : image.role === 'augmented' ? 2 : image.role === 'host' ? 3 : 0;
}

function renderGraph(images) {
  const host = document.getElementById('graph');
  host.replaceChildren();
  // four columns and the details panel fit a 1400 px window without scrolling sideways
  const width = 196, height = 44, gapX = 40, gapY = 12, top = 28;
  const rows = [0, 0, 0, 0];
  const position = new Map();
  const upstreams = new Map(state.data.upstreams.map((u) => [u.digest, u]));
  // column by column, so that an upstream is placed in the order of the blessed images built on it
  for (const c of [1, 2, 3, 0]) {
    // host images are built on blessed ones, past the augmented column: they start below its last card, so
    // that their connectors run beneath the augmented cards instead of seeming to come out of them
    if (c === 3) rows[3] = Math.max(rows[3], rows[2]);
    for (const image of images.filter((i) => column(i) === c)) {
      const up = upstreams.get(image.parent);
      if (up && !position.has(up.digest)) position.set(up.digest, { x: 0, y: top + rows[0]++ * (height + gapY), up });
      position.set(image.digest, { x: c * (width + gapX), y: top + rows[c] * (height + gapY), row: rows[c]++, image });
    }
  }
  const total = Math.max(...rows, 1);
  const svg = svgEl('svg', { width: 4 * (width + gapX), height: top + total * (height + gapY), role: 'img',
    'aria-label': 'Lineage of ' + images.length + ' images' });
  COLUMNS.forEach((name, i) => svg.append(svgEl('text', { class: 'column', x: i * (width + gapX), y: 14 }, name)));
  for (const edge of state.data.edges) {
    const a = position.get(edge.from), b = position.get(edge.to);
    if (!a || !b) continue;
    const x1 = a.x + width, y1 = a.y + height / 2, x2 = b.x, y2 = b.y + height / 2;
    const skips = b.x - a.x > width + gapX;
    // an edge that skips a column leaves its parent, drops in the gap beside it and runs below the cards
    // each parent row drops at its own x in the gap, so that two hosts' connectors are told apart
    const xm = x1 + 10 + ((a.row || 0) * 10) % (gapX - 20), r = y2 >= y1 ? 6 : -6;
    const d = skips
      ? `M${x1},${y1} H${xm - 6} Q${xm},${y1} ${xm},${y1 + r} V${y2 - r} Q${xm},${y2} ${xm + 6},${y2} H${x2}`
      : `M${x1},${y1} C${x1 + 20},${y1} ${x2 - 20},${y2} ${x2},${y2}`;
    svg.append(svgEl('path', { class: 'edge', d }));
  }
  for (const [digest, p] of position) {
    const image = p.image;
    const classes = ['node'];
    if (image) classes.push(image.retired ? 'retired' : image.stage, image.outdated ? 'outdated' : '');
    if (digest === state.selected) classes.push('selected');
    const g = svgEl('g', { class: classes.join(' ').trim(), transform: `translate(${p.x},${p.y})`, tabindex: 0,
      role: 'button', 'data-digest': digest });
    g.append(svgEl('rect', { width, height }));
    // a host image's only "tag" is family@digest: its family names it, the digest is on the line below
    const tag = image && image.tags[0] && !image.tags[0].includes('@') ? image.tags[0] : null;
    const name = image ? (tag || image.family) : (p.up.ref || 'upstream');
    const title = name.replace(/^[^/]*[.:][^/]*\//, '');
    g.append(svgEl('text', { x: 8, y: 17 }, title.length > 26 ? '…' + title.slice(-25) : title));
    const sub = image ? image.shortDigest + '  ' + badges(image).map((b) => b[1]).join(' ') : digest.slice(7, 19) + '  upstream';
    g.append(svgEl('text', { class: 'sub', x: 8, y: 34 }, sub));
    g.append(svgEl('title', {}, image ? image.digest : digest));
    if (image) {
      g.addEventListener('click', () => select(digest));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(digest); } });
    }
    svg.append(g);
  }
  host.append(svg);
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'unknown'];

/** Every open finding of the images shown, the most severe first: what to fix before anything else. */
function renderOpenFindings(images) {
  const host = document.getElementById('open-findings');
  host.replaceChildren();
  const rows = [];
  for (const image of images) {
    for (const f of image.findings || []) rows.push([image, f]);
  }
  if (!rows.length) {
    host.append(el('p', { class: 'empty' }, 'None.'));
    return;
  }
  rows.sort((a, b) => SEVERITY_ORDER.indexOf(a[1].severity) - SEVERITY_ORDER.indexOf(b[1].severity));
  const list = el('ul');
  for (const [image, f] of rows) {
    const item = el('li', {}, `${f.severity} ${f.advisory}: ${f.package} ${f.installed} → ${f.fixed || 'no fix yet'} in ${image.tags[0] || image.digest}`);
    item.addEventListener('click', () => select(image.digest));
    list.append(item);
  }
  host.append(list);
}

function renderTimelines(images) {
  const host = document.getElementById('timelines');
  if (!host) return;
  host.replaceChildren();
  const families = new Set(images.map((i) => i.family));
  const timelines = state.data.timelines || {};
  for (const env of state.data.environments) {
    const stints = (timelines[env] || []).filter((s) => families.has(s.family));
    if (!stints.length) continue;
    const list = el('ol', { class: 'timeline' });
    for (const s of stints) {
      const how = s.current ? 'stands there now' + (s.retired ? ' (retired)' : '') : s.left ? `${s.left} ${s.leftAt}` : 'left';
      const item = el('li', {}, `${s.placedAt} ${s.kind} `);
      const button = el('button', { class: 'digest', type: 'button', 'data-digest': s.digest }, s.ref);
      button.addEventListener('click', () => select(s.digest));
      item.append(button, ` by ${s.actor}` + (s.approver ? `, approved by ${s.approver}` : '')
        + `; ${s.verification || 'no verification recorded'}; ${how}`);
      list.append(item);
    }
    host.append(el('h3', {}, env), list);
  }
  if (!host.childElementCount) host.append(el('p', { class: 'empty' }, 'Nothing has been promoted yet.'));
}

function renderDetails() {
  const host = document.getElementById('details');
  host.replaceChildren(el('h2', {}, 'Details'));
  const image = state.data.images.find((i) => i.digest === state.selected);
  if (!image) {
    host.append(el('p', { class: 'empty' }, 'Select an image in the graph or an environment column.'));
    return;
  }
  const dl = el('dl');
  const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, String(v))); };
  add('digest', image.digest);
  add('role', image.role);
  add('family', image.family);
  add('tags', image.tags.join(', '));
  add('stage', image.stage);
  add('environments', image.environments.map((e) => {
    const v = (image.verification || {})[e];
    return v ? `${e} (${v})` : e;
  }).join(', ') || '—');
  add('end of life', image.eol);
  add('outdated', image.outdatedReasons.join('; '));
  add('parent', image.parent);
  add('base', image.provenance.baseRef);
  add('base digest', image.provenance.baseDigest);
  add('source commit', image.provenance.sourceCommit);
  add('built by', image.provenance.builtBy);
  add('tests', image.tests ? `${image.tests.result}: ${image.tests.passed} passed, ${image.tests.failed} failed (${image.tests.runs} run(s))` : 'none on record');
  if (image.contents && image.contents.failure) add('contents', 'not read: ' + image.contents.failure);
  else if (image.contents) {
    add('OS', image.contents.os);
    add('packages', `${image.contents.packages} package(s), ${image.contents.files} file(s) in ${image.contents.layers} layer(s)`);
  }
  const status = el('p');
  status.append(...badgeElements(image));
  host.append(status, dl);
  if (image.findings && image.findings.length) {
    const list = el('ul', { id: 'findings' });
    for (const f of image.findings) {
      list.append(el('li', {}, `${f.severity} ${f.advisory}: ${f.package} ${f.installed} → ${f.fixed || 'no fix yet'}`));
    }
    host.append(el('h2', {}, 'Findings'), list);
  }
  if (image.releaseNotes) {
    // line by line: the notes' own line breaks stay, anything else a package or commit carries is escaped
    const notes = el('pre', { id: 'release-notes' });
    notes.textContent = image.releaseNotes.markdown.split('\n').map(printable).join('\n');
    host.append(el('h2', {}, 'Release notes'), notes);
  }
  host.append(el('h2', {}, 'History'));
  const part = el('div', { id: 'history-part' });
  host.append(part);
  renderHistory(part, image);
}

// Only this part is drawn again when a fetched history arrives: the rest of the details stays as it is.
function renderHistory(part, image) {
  const history = image.history ? { events: image.history } : state.histories.get(image.digest);
  if (!history) {
    part.replaceChildren(el('p', { id: 'history-status', class: 'empty' }, 'loading…'));
    fetchHistory(image.digest);
  } else if (history.error) {
    part.replaceChildren(el('p', { id: 'history-status', class: 'error' }, 'The history could not load: ' + history.error));
  } else {
    const list = el('ol', { id: 'history' });
    for (const e of history.events) {
      list.append(el('li', {}, `${e.at} ${e.action} ${e.from || '—'} → ${e.to || '—'} by ${e.actor}${e.reason ? ': ' + e.reason : ''}`));
    }
    part.replaceChildren(list);
  }
}

// A served document leaves each image's events out (100,000 images' histories were most of its size): they are asked
// for once per image, beside the data (data-history-src?digest=…), and drawn when they arrive if it is still chosen.
function fetchHistory(digest) {
  if (state.asked.has(digest)) return;
  state.asked.add(digest);
  Promise.resolve()
    .then(() => {
      const src = document.body.getAttribute('data-history-src');
      if (!src) throw new Error('this page names no place to ask for it');
      const url = new URL(src, document.baseURI);
      url.searchParams.set('digest', digest);
      return fetch(url, { headers: { Accept: 'application/json' } });
    })
    .then(async (response) => {
      if (!response.ok) {
        // the server's one-line reason, when it gave one as text (an HTML error page is not shown)
        const plain = (response.headers.get('Content-Type') || '').startsWith('text/plain');
        const reason = plain ? (await response.text()).split('\n')[0].trim() : '';
        throw new Error('HTTP ' + response.status + (reason ? ': ' + reason : ''));
      }
      return response.json();
    })
    .then((answer) => {
      if (answer.digest !== digest || !Array.isArray(answer.history)) throw new Error('not the history of ' + digest);
      state.histories.set(digest, { events: answer.history });
    })
    .catch((error) => state.histories.set(digest, { error: error.message }))
    .finally(() => {
      state.asked.delete(digest);
      const part = document.getElementById('history-part');
      const image = state.data.images.find((i) => i.digest === digest);
      if (state.selected === digest && part && image) renderHistory(part, image);
    });
}

function select(digest) {
  // a history that failed is asked for again when its image is chosen again
  if (state.histories.get(digest)?.error) state.histories.delete(digest);
  state.selected = digest;
  render();
}

function render() {
  const images = visibleImages();
  document.getElementById('summary').textContent = `${images.length} of ${state.data.images.length} images`;
  renderEnvironments(images);
  renderTimelines(images);
  renderOpenFindings(images);
  renderGraph(images);
  renderDetails();
}

function setUpControls() {
  const family = document.getElementById('family');
  for (const f of state.data.families) family.append(el('option', { value: f }, f));
  family.addEventListener('change', () => { state.family = family.value; render(); });
  const search = document.getElementById('search');
  search.addEventListener('input', () => { state.search = search.value.trim(); render(); });
}

async function load() {
  const inline = document.getElementById('lifecycle-data');
  if (inline) return JSON.parse(inline.textContent);
  const url = document.body.getAttribute('data-src');
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('cannot load ' + url + ': HTTP ' + response.status);
  return response.json();
}

load().then((data) => {
  state.data = data;
  setUpControls();
  // a link can open the view on one image: …/lifecycle.html#image=sha256:…
  const linked = decodeURIComponent(location.hash.replace(/^#image=/, ''));
  if (linked && data.images.some((i) => i.digest === linked)) state.selected = linked;
  const started = performance.now();
  render();
  document.body.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.body.setAttribute('data-ready', 'true');
}).catch((error) => {
  document.getElementById('summary').textContent = 'The view could not load: ' + error.message;
  document.body.setAttribute('data-ready', 'error');
});
