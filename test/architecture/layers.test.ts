/**
 * The layer rule is enforced by the linter `npm test` runs (eslint.config.js). These tests hold the
 * linter to it: a wrong-way import or a forbidden package in a room is an error, a downward one is not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rule', () => {
  it.each([
    ['src/state/provider/x.ts', "import { App } from '../../ui/app.js';\nexport const a = App;\n", 'src/state/ may not import src/ui/'],
    ['src/state/x.ts', "import { openProfileStore } from '../store/profile-store.js';\nexport const a = openProfileStore;\n", 'src/state/ may not import src/store/'],
    ['src/api/x.ts', "import { EXIT } from '../state/exit-codes.js';\nexport const a = EXIT;\n", 'src/api/ may not import src/state/'],
    ['src/ui/widgets/x.ts', "import { openDraftStore } from '../../store/draft-store.js';\nexport const a = openDraftStore;\n", 'src/ui/ may not import src/store/'],
    ['src/commands/x.ts', "import { App } from '../ui/app.js';\nexport const a = App;\n", 'src/commands/ may not import src/ui/'],
    ['src/demo-gateway/x.ts', "import { EXIT } from '../state/exit-codes.js';\nexport const a = EXIT;\n", 'src/demo-gateway/ may not import src/state/'],
    ['src/connection/x.ts', "import { openSession } from '../app/session.js';\nexport const a = openSession;\n", 'src/connection/ may not import src/app/'],
    ['src/write/x.ts', "import { App } from '../ui/app.js';\nexport const a = App;\n", 'src/write/ may not import src/ui/'],
    ['src/write/x.ts', "import { runProvidersCommand } from '../commands/providers.js';\nexport const a = runProvidersCommand;\n", 'src/write/ may not import src/commands/'],
    ['src/write/x.ts', "import { openHistoryStore } from '../store/history-store.js';\nexport const a = openHistoryStore;\n", 'src/write/ may not import src/store/'],
    ['src/state/x.ts', "import { createWriter } from '../write/pipeline.js';\nexport const a = createWriter;\n", 'src/state/ may not import src/write/'],
    ['src/api/x.ts', "import { createWriter } from '../write/pipeline.js';\nexport const a = createWriter;\n", 'src/api/ may not import src/write/'],
    ['src/demo-gateway/x.ts', "import { rulesFor } from '../api/versions/version-rules.js';\nexport const a = rulesFor;\n", 'src/demo-gateway/ may not import src/api/versions/'],
  ])('%s: a wrong-way import fails', async (file, code, expected) => {
    expect((await problems(file, code)).join('\n')).toContain(expected);
  });

  it.each([
    ['src/state/x.ts', 'react'],
    ['src/state/x.ts', 'undici'],
    ['src/ui/x.ts', 'conf'],
    ['src/ui/x.ts', 'undici'],
    ['src/write/x.ts', 'ink'],
    ['src/write/x.ts', 'undici'],
    ['src/write/x.ts', 'conf'],
  ])('%s may not load %s', async (file, pkg) => {
    expect((await problems(file, `import * as m from '${pkg}';\nexport const a = m;\n`)).join('\n')).toContain(`may not load ${pkg}`);
  });

  it('downward imports pass', async () => {
    expect(await problems('src/ui/widgets/x.ts', "import { EXIT } from '../../state/exit-codes.js';\nimport { scrubSecrets } from '../../api/secrets.js';\nexport const a = [EXIT, scrubSecrets];\n")).toEqual([]);
    expect(await problems('src/commands/x.ts', "import { resolveTarget } from '../connection/target.js';\nexport const a = resolveTarget;\n")).toEqual([]);
    // The pipeline is called by the screens and the commands, and uses the pure rules and the client's types.
    expect(await problems('src/ui/screens/x.ts', "import { createWriter } from '../../write/pipeline.js';\nexport const a = createWriter;\n")).toEqual([]);
    expect(await problems('src/commands/x.ts', "import { createWriter } from '../write/pipeline.js';\nexport const a = createWriter;\n")).toEqual([]);
    expect(await problems('src/write/x.ts', "import { checkPlan } from '../state/write-rules/check.js';\nimport { ApiError } from '../api/api-error.js';\nexport const a = [checkPlan, ApiError];\n")).toEqual([]);
  });
});
