import * as fs from 'fs';
import * as path from 'path';
import plugins from '../index';
import { CommandIDs } from '../tokens';

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schema');

function schema(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${name}.json`), 'utf-8'));
}

describe('settings schemas', () => {
  const files = fs.readdirSync(SCHEMA_DIR).filter(f => f.endsWith('.json'));

  it('belong each to a plugin of the extension', () => {
    const ids = plugins.map(p => p.id);
    for (const file of files) {
      expect(ids).toContain(`jupyterlab-leap:${path.basename(file, '.json')}`);
    }
  });

  it('put only known leap: commands into the one LEAP menu', () => {
    const known: string[] = Object.values(CommandIDs);
    for (const file of files) {
      for (const menu of schema(path.basename(file, '.json'))['jupyter.lab.menus']?.main ?? []) {
        expect(menu).toMatchObject({ id: 'jp-mainmenu-leap', label: 'LEAP' });
        for (const item of menu.items) {
          if (item.command) {
            expect(known).toContain(item.command);
          }
        }
      }
    }
  });

  it('default the status poll to what the plugin uses before settings load', () => {
    const { properties } = schema('status');
    expect(properties.pollInterval.default).toBe(4);
    expect(properties.maxBackoff.default).toBe(30);
  });
});
