import * as path from 'node:path';
import { JsonValidator } from '../../core/json/jsonValidator';
import { sqlDialectInfo } from '../../core/sql/dialects';
import { SqlValidator, type SqlParserLoader, type SqlParserModule } from '../../core/sql/sqlValidator';
import { registerEditorCommands } from '../commands/registerCommands';
import type { TandemContribution } from './contribution';

/** Generate Code, SQL and JSON, Edit and Explain Selection, Generate from Image, Cancel Request. */
export const editorCommands: TandemContribution = {
  name: 'the editor commands',
  create: ({ models, log, context, boundary, insertions }) => {
    const commands = registerEditorCommands({
      service: models.service,
      sql: new SqlValidator(sqlParserLoader(context.extensionPath)),
      json: new JsonValidator(),
      log,
      context,
      boundary,
      quality: models.quality,
      insertions,
    });
    return { dispose: () => commands.dispose(), testApi: { commands } };
  },
};

/** Each dialect's parser is a file of its own (~250 KB), read the first time SQL in that dialect is checked. */
function sqlParserLoader(extensionPath: string): SqlParserLoader {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- files esbuild must not inline
  return async (dialect) => require(path.join(extensionPath, 'dist', 'sql', sqlDialectInfo(dialect).buildFile)) as SqlParserModule;
}
