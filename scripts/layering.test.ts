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
];

describe('layering rules', () => {
  it.each(cases)('%s: %s → allowed %s', async (file, source, allowed) => {
    const found = await restrictedImports(file, source);
    if (allowed) expect(found).toBe(0);
    else expect(found).toBeGreaterThan(0);
  });
});
