import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering table of ARCHITECTURE.md, as ESLint enforces it: each case lints a line of
 * source as if it stood in a real file of that folder.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
}

const cases: Array<[file: string, source: string, allowed: boolean]> = [
  ['shared/domain/money.ts', "import { z as x } from 'zod';", true],
  ['shared/domain/money.ts', "import x from 'node:fs';", false],
  ['shared/domain/money.ts', "import { it as x } from 'vitest';", false],
  ['shared/domain/money.test.ts', "import { it as x } from 'vitest';", true],
  ['shared/domain/money.test.ts', "import x from 'node:fs';", false],
  ['shared/domain/money.ts', "import { startServer as x } from '../../server/app';", false],
  ['shared/sync/actions/tag.ts', "import { Tag as x } from '../../domain/entities';", true],
  ['shared/sync/actions/tag.ts', "import { startServer as x } from '../../../server/app';", false],
  ['shared/sync/actions/tag.ts', "import x from 'node:fs';", false],
  ['renderer/src/main.tsx', "import { apiCalls as x } from '../../shared/api';", true],
  ['renderer/src/main.tsx', "import { app as x } from 'electron';", false],
  ['renderer/src/main.tsx', "import x from 'node:path';", false],
  ['renderer/src/main.tsx', "import x from 'better-sqlite3';", false],
  ['renderer/src/main.tsx', "import { createEngine as x } from '../../electron/services/api/engine';", false],
  ['renderer/src/main.tsx', "import { startServer as x } from '../../server/app';", false],
  ['electron/preload/index.ts', "import { ipcRenderer as x } from 'electron';", true],
  ['electron/preload/index.ts', "import { CALL_NAMES as x } from '../../shared/api';", true],
  ['electron/preload/index.ts', "import x from 'node:fs';", false],
  ['electron/preload/index.ts', "import { createEngine as x } from '../services/api/engine';", false],
  ['electron/services/api/engine.ts', "import { app as x } from 'electron';", false],
  ['electron/services/api/engine.ts', "import x from 'better-sqlite3';", false],
  ['electron/services/api/engine.ts', "import { startServer as x } from '../../../server/app';", false],
  ['electron/services/db/open.ts', "import x from 'better-sqlite3';", true],
  ['electron/main/index.ts', "import { createEngine as x } from '../services/api/engine';", true],
  ['electron/main/index.ts', "import { startServer as x } from '../../server/app';", false],
  ['electron/web/host.ts', "import { createEngine as x } from '../services/api/engine';", true],
  ['electron/web/host.ts', "import { app as x } from 'electron';", false],
  ['electron/web/host.ts', "import { startServer as x } from '../../server/app';", false],
  ['server/app.ts', "import { toErrorBody as x } from '../shared/domain/errors';", true],
  ['server/app.ts', "import { createEngine as x } from '../electron/services/api/engine';", false],
  ['server/app.ts', "import { app as x } from 'electron';", false],
  ['server/db/postgres.ts', "import x from 'pg';", true],
  ['server/services/snooze.ts', "import x from 'pg';", false],
  ['server/http/routes.ts', "import { PGlite as x } from '@electric-sql/pglite';", false],
  ['server/errors.test.ts', "import x from 'pg';", true],
];

const SQL_MESSAGE = 'SQL lives only in server/db/: add a typed repository function there and call it.';

/** How many times the SQL-placement rule fires on `source` as if it stood in `filePath`. */
async function sqlOutsideDb(filePath: string, source: string): Promise<number> {
  const declarations = 'declare const sql: { query(text: string, params?: unknown[]): Promise<unknown[]> };';
  const [result] = await eslint.lintText(`${declarations}\nexport const used = ${source};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' && m.message === SQL_MESSAGE)
    .length;
}

const sqlCases: Array<[file: string, source: string, allowed: boolean]> = [
  ['server/db/conversations.ts', "sql.query('select id from conversations')", true],
  ['server/services/snooze.ts', 'sql.query(statement)', false],
  ['server/services/actions/link.ts', 'sql.query(text)', false],
  ['server/http/routes.ts', "'select 1 as one'", false],
  ['server/demo/load.ts', '`INSERT INTO teams (id) values ($1)`', false],
  ['server/http/routes.ts', "'Select a team to move the user into.'", true],
  ['server/demo/scripts.ts', '`Your parcel left ${day} with UPS.`', true],
  ['server/app.test.ts', "sql.query('select count(*) from messages')", true],
];

describe('layering rules', () => {
  it.each(cases)('%s: %s → allowed %s', async (file, source, allowed) => {
    // A refused import may match more than one pattern: what counts is whether any fires.
    expect((await restrictedImports(file, source)) > 0).toBe(!allowed);
  });

  it.each(sqlCases)('SQL only in server/db/: %s: %s → allowed %s', async (file, source, allowed) => {
    expect(await sqlOutsideDb(file, source)).toBe(allowed ? 0 : 1);
  });
});
