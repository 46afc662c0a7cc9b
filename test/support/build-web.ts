import path from 'node:path';
import { build } from 'vite';
import { WEB_DIST } from '../../services/api/web-ui.ts';

/** Builds the analyst page the way `npm run build` does, so UI tests never depend on a stale or missing dist. */
export async function buildWeb(): Promise<string> {
  await build({ configFile: path.join(path.dirname(WEB_DIST), 'vite.config.ts'), logLevel: 'error' });
  return WEB_DIST;
}
