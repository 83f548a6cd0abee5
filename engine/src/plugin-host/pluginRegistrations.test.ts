import { describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { ENGINE_COMMANDS } from '../cli/engineCommands.js';
import { runPluginCommand } from '../cli/pluginCommands.js';
import { loadConfig } from '../config/loadConfig.js';
import { RouteRegistry } from '../http/RouteRegistry.js';
import { createLogger } from '../logging/createLogger.js';
import { ran } from './fixtures/commandPlugin.js';
import { PluginHost, PluginLoadError } from './PluginHost.js';

/**
 * What a plugin registers beside routes and workflow services: the document signer (at most
 * one, with sign and verify) and CLI subcommands (`formwork <name>`), run with the plugins
 * registered and nothing else.
 */
const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url).pathname;
const signerPlugin = new URL('../specs/fixtures/fakeSignerPlugin.ts', import.meta.url).pathname;

const host = () =>
  new PluginHost(
    new RouteRegistry(),
    createLogger('silent'),
    '/nonexistent/formwork-plugin-test',
    { clickhouseUrl: undefined },
    ENGINE_COMMANDS,
  );

function capture() {
  const out = { stdout: '', stderr: '' };
  const streams = {
    stdout: { write: (s: string) => ((out.stdout += s), true) },
    stderr: { write: (s: string) => ((out.stderr += s), true) },
  } as unknown as { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  return { out, streams };
}

describe('a plugin’s signer', () => {
  it('given the test signer plugin, then the host holds its DocumentSigner and names the plugin', async () => {
    const h = host();
    await h.load([signerPlugin]);
    expect(h.signer?.algorithm).toBe('HMAC-SHA256-TEST');
    expect(h.signerPlugin).toBe('formwork-test-signer');
  });

  it('refuses a signer without verify, and a second signer, naming the plugin', async () => {
    await expect(host().load([fixture('badSignerPlugin')])).rejects.toThrow(
      /badSignerPlugin.ts failed to load: register\(\) threw: a signer needs an algorithm and sign\(content, as\) and verify\(content, signature\) functions/,
    );
    const twice = host().load([
      signerPlugin,
      fixture('../../workflows/fixtures/reportSigningPlugin'),
    ]);
    await expect(twice).rejects.toBeInstanceOf(PluginLoadError);
    await expect(twice).rejects.toThrow(/formwork-test-signer already registered a signer/);
  });
});

describe('a plugin’s CLI command', () => {
  const config = (plugins: string[]) => ({
    ...loadConfig({ DATA_DIR: '/nonexistent/formwork-plugin-test' }),
    plugins,
  });

  it('given a plugin adding `hello`, when `formwork hello --fail ana` runs, then its run gets the arguments and its exit code is the command’s; api.signatures says it needs the engine', async () => {
    const { streams } = capture();
    expect(
      await runPluginCommand(
        config([fixture('commandPlugin')]),
        'hello',
        ['--fail', 'ana'],
        streams,
      ),
    ).toBe(3);
    expect(ran.args).toEqual(['--fail', 'ana']);
    expect(ran.signaturesError).toMatch(/available while the engine runs, not in a CLI command/);
  });

  it('given `formwork hello --help`, then its usage is printed; an unknown command names the commands there are', async () => {
    const help = capture();
    expect(
      await runPluginCommand(config([fixture('commandPlugin')]), 'hello', ['--help'], help.streams),
    ).toBe(0);
    expect(help.out.stdout).toContain('Usage: formwork hello [--fail] NAME');
    expect(help.out.stdout).toContain('formwork-test-command');
    const unknown = capture();
    expect(
      await runPluginCommand(config([fixture('commandPlugin')]), 'frobnicate', [], unknown.streams),
    ).toBe(1);
    expect(unknown.out.stderr).toMatch(
      /unknown command 'frobnicate' \(commands: start, .*, lint-bpmn, hello;/,
    );
  });

  it('refuses a plugin command that takes an engine command’s name', async () => {
    await expect(host().load([fixture('engineCommandPlugin')])).rejects.toThrow(
      /"audit" is an engine command/,
    );
  });

  it('given PLUGINS naming the command plugin, when `formwork hello x` runs through main, then it runs; `formwork --help` lists it', async () => {
    const saved = process.env.PLUGINS;
    process.env.PLUGINS = fixture('commandPlugin');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['node', 'formwork', 'hello', 'x'])).toBe(0);
      expect(ran.args).toEqual(['x']);
      await main(['node', 'formwork', '--help']);
      expect(written.join('')).toMatch(/Plugin commands:\n {2}hello {2}says hello \(test\)/);
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.PLUGINS;
      else process.env.PLUGINS = saved;
    }
  });
});
