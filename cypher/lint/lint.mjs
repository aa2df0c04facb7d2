// Lints every Cypher file of the project with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support), against the project's schema: its labels, relationship types, property keys,
// the parameters the store passes, Neo4j's built-in functions and the procedures the store calls.
// Then the project's own rules: named parameters only, every variable-length pattern bounded and typed, and no
// pattern that walks through an Agency. Prints file:line: message; exits 1 on any error or warning (warnings
// count as errors, as in the C# build). First it lints fixtures/known-bad.cypher and fails unless every statement
// there is reported: the library reports nothing when its analysis throws, so a silent linter must not pass.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const cypherDir = join(here, '..');
const repoRoot = join(cypherDir, '..');

const labels = ['Person', 'Household', 'Professional', 'Agency'];
const relationshipTypes = ['MEMBER_OF', 'FAMILY', 'WORKS_FOR', 'INVOLVED_WITH', 'STATUS', 'CONTACT'];
const propertyKeys = [
  'id', 'givenName', 'familyName', 'dateOfBirth', 'gender', 'nhsNumber',
  'name', 'address', 'postcode', 'jobTitle', 'phone', 'email', 'roles', 'kind', 'sensitive',
  'since', 'until', 'recordedAt', 'recordedBy', 'endedAt', 'endedBy', 'team', 'role', 'lead', 'at', 'planned',
  'revision', 'revisedAt', 'revisedBy', 'status', 'outOfHoursPhone', 'seen', 'seenAlone', '_LOCK_',
];
const graphSchema = [
  { from: 'Person', to: 'Household', relType: 'MEMBER_OF' },
  { from: 'Person', to: 'Person', relType: 'FAMILY' },
  { from: 'Professional', to: 'Agency', relType: 'WORKS_FOR' },
  { from: 'Professional', to: 'Person', relType: 'INVOLVED_WITH' },
  { from: 'Professional', to: 'Person', relType: 'CONTACT' },
  { from: 'Agency', to: 'Person', relType: 'STATUS' },
];

// Every parameter the store passes, with an example of its JSON value. A parameter not listed here is an error.
const date = '2026-06-01';
const instant = '2026-06-01T09:30:00.000Z';
const parameters = {
  address: '14 Elm Road', agencyId: 'A01', by: 'Sam Adeyemi', expected: 3, asOf: date, at: instant, dateOfBirth: date, dayStart: instant,
  email: 'sam.adeyemi@northvale.gov.uk', endedAt: instant, endedBy: 'sam', familyName: 'Turner', fromId: 'P002',
  gender: 'female', givenName: 'Ava', householdIds: ['H001'], id: 'P001', jobTitle: 'Social Worker',
  keys: [{ type: 'MEMBER_OF', fromId: 'P001', toId: 'H001', since: date }], kind: 'Person', lead: true, limit: 20,
  name: 'Turner household', nextDayStart: instant, nhsNumber: '9999222218', personId: 'P001', personIds: ['P001'],
  phone: '01632 960001', planned: false, postcode: 'NV1 2AB', professionalId: 'PR001', professionalIds: ['PR001'],
  query: 'ava* AND tur*', recordedAt: instant, recordedBy: 'sam', refs: [{ kind: 'Person', id: 'P001' }],
  role: 'School nurse', roles: ['Practitioner'], rows: [{ id: 'P001' }], sensitive: false, since: date, skip: 0,
  take: 50, team: 'Child Protection', status: 'child-protection-plan', outOfHoursPhone: '01632 961999', seen: true, seenAlone: false, toId: 'H001', until: date, window: 200,
  endedSince: date, firstDayStart: instant, lastDayEnd: instant, minAgencies: 3, recentFrom: instant,
};

// Neo4j's built-in functions, from the schema the library ships for its own tests; only the procedures the store
// calls, so any other (an APOC call, say, which Community lacks) is reported.
const bundled = testData?.mockSchema;
if (!bundled?.functions?.['CYPHER 5'] || !bundled?.procedures?.['CYPHER 5']) {
  console.error('lint: @neo4j-cypher/language-support no longer ships its function list; update lint.mjs');
  process.exit(1);
}
const builtInFunctions = Object.fromEntries(
  Object.entries(bundled.functions['CYPHER 5']).filter(([, f]) => f.isBuiltIn));
const usedProcedures = ['db.index.fulltext.queryNodes', 'db.awaitIndexes'];
const procedures = Object.fromEntries(usedProcedures.map((name) => {
  const procedure = bundled.procedures['CYPHER 5'][name];
  if (!procedure) {
    console.error(`lint: the bundled schema lacks procedure ${name}; update lint.mjs`);
    process.exit(1);
  }
  return [name, procedure];
}));

const dbSchema = {
  labels, relationshipTypes, propertyKeys, parameters, graphSchema,
  functions: { 'CYPHER 5': builtInFunctions },
  procedures: { 'CYPHER 5': procedures },
  defaultLanguage: 'CYPHER 5',
};

/**
 * Splits a file into statements on ';' outside strings, quoted names and comments. Returns each statement with
 * the line it starts on (1-based), its text, and its text with comments and strings blanked for the rule checks.
 */
export function splitStatements(text) {
  const statements = [];
  let start = 0;
  let code = '';
  let i = 0;
  const push = (end) => {
    const body = text.slice(start, end);
    if (code.trim().length > 0) {
      const leading = body.length - body.trimStart().length;
      const line = text.slice(0, start + leading).split('\n').length;
      statements.push({ line, text: body.trim(), code });
    }
    start = end + 1;
    code = '';
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      code += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      code += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        j += text[j] === '\\' && c !== '`' ? 2 : 1;
      }
      code += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + c;
      i = j + 1;
    } else if (c === ';') {
      push(i);
      i += 1;
    } else {
      code += c;
      i += 1;
    }
  }
  push(text.length);
  return statements;
}

/** The project's own rules, on a statement's code (comments and strings blanked). */
function projectRules(code) {
  const problems = [];
  const lineOf = (index) => code.slice(0, index).split('\n').length - 1;
  for (const m of code.matchAll(/\$(\d+)/g)) {
    problems.push({ at: lineOf(m.index), message: `positional parameter $${m[1]}: use named parameters only` });
  }
  for (const m of code.matchAll(/\[([^\]]*)\*([^\]]*)\]/g)) {
    const [, before, after] = m;
    const bounds = after.match(/^\s*(\d*)\s*(\.\.\s*(\d*))?\s*(\{|$)/);
    const unbounded = !bounds || (bounds[2] === undefined ? bounds[1] === '' : bounds[3] === '');
    if (unbounded) {
      problems.push({ at: lineOf(m.index), message: `unbounded variable-length pattern [${before}*${after}]: give an upper bound, e.g. *..4` });
    }
    const types = before.match(/:\s*([A-Z_|!&\s]+)\s*$/);
    if (!types) {
      problems.push({ at: lineOf(m.index), message: `variable-length pattern [${before}*${after}] names no relationship type` });
    } else if (/WORKS_FOR/.test(types[1])) {
      problems.push({ at: lineOf(m.index), message: 'variable-length pattern over WORKS_FOR can walk through an Agency' });
    }
  }
  // Quantified path patterns: ((a)-->(b))+ (c) or ((a)-->(b)){2,} (c) have no upper bound.
  for (const m of code.matchAll(/\)\s*(\+|\*|\{\s*\d*\s*,\s*\})\s*\(/g)) {
    problems.push({ at: lineOf(m.index), message: `quantified path pattern ${m[1]}: give it an upper bound, e.g. {1,4}` });
  }
  for (const m of code.matchAll(/[->]\s*\(\s*\w*\s*:\s*Agency\b[^)]*\)\s*(<?-)/g)) {
    problems.push({ at: lineOf(m.index), message: 'pattern walks through an Agency: a network stops at an agency' });
  }
  return problems;
}

function lintFile(path) {
  const text = readFileSync(path, 'utf8');
  const results = [];
  for (const statement of splitStatements(text)) {
    const { diagnostics } = lintCypherQuery(statement.text, dbSchema, { consoleCommandsEnabled: false });
    const found = [];
    for (const d of diagnostics) {
      found.push({
        line: statement.line + d.range.start.line,
        severity: d.severity === 1 ? 'error' : 'warning',
        message: d.message.split('\n')[0],
      });
    }
    for (const p of projectRules(statement.code)) {
      found.push({ line: statement.line + p.at, severity: 'error', message: p.message });
    }
    results.push({ statement, found });
  }
  return results;
}

function cypherFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'bin' || name === 'obj' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      files.push(...cypherFiles(path));
    } else if (name.endsWith('.cypher')) {
      files.push(path);
    }
  }
  return files;
}

// Self-check: every statement of known-bad.cypher carries "// expect: words" and must be reported with them.
const knownBad = join(here, 'fixtures', 'known-bad.cypher');
let selfCheckFailed = false;
const knownBadResults = lintFile(knownBad);
for (const { statement, found } of knownBadResults) {
  const expected = statement.text.match(/\/\/\s*expect:\s*(.+)/)?.[1]?.trim();
  const ok = found.length > 0 && (!expected || found.some((f) => f.message.includes(expected)));
  if (!ok) {
    selfCheckFailed = true;
    console.error(`${relative(repoRoot, knownBad)}:${statement.line}: self-check: expected an error${expected ? ` containing "${expected}"` : ''}, got ${found.length ? found.map((f) => f.message).join(' | ') : 'none'}`);
  }
}
if (knownBadResults.length === 0) {
  selfCheckFailed = true;
  console.error('self-check: fixtures/known-bad.cypher holds no statement');
}
if (selfCheckFailed) {
  console.error('lint: the self-check failed: the linter misses known mistakes, so its silence proves nothing.');
  process.exit(1);
}
console.log(`self-check: ${knownBadResults.length} known-bad statements, each reported as expected`);

const files = [
  ...cypherFiles(cypherDir).filter((f) => !f.startsWith(join(here, 'fixtures'))),
  ...cypherFiles(join(repoRoot, 'tests')),
].sort();
let errors = 0;
let statements = 0;
for (const file of files) {
  for (const { found } of lintFile(file)) {
    statements += 1;
    for (const f of found) {
      errors += 1;
      console.log(`${relative(repoRoot, file)}:${f.line}: ${f.severity}: ${f.message}`);
    }
  }
}
console.log(`lint: ${files.length} files, ${statements} statements, ${errors} problems`);
process.exit(errors > 0 ? 1 : 0);
