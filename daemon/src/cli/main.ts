import { parseArgs } from 'node:util';
import { ERROR_CATALOGUE, type Lang, toVanthuError, VanthuError } from '@vanthu/shared/errors/index';
import { chooseLang, translator } from '../i18n/choose-lang.js';
import { fileConfiguredLang } from '../i18n/config-file-lang.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { COMMANDS } from './commands/index.js';

const GLOBAL_OPTIONS: OptionSpec = {
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

async function helpText(lang: Lang, command?: Command): Promise<string> {
  if (command) return `vanthu ${command.usage}\n  ${command.summary[lang]}`;
  const all = await Promise.all(COMMANDS.map((entry) => entry.load()));
  const rows = all.map((c) => `  ${c.name.padEnd(11)} ${c.summary[lang]}`);
  const head =
    lang === 'vi'
      ? 'Cách dùng: vanthu <lệnh> [tùy chọn]   (--json, --lang vi|en, --config TỆP, --debug)'
      : 'Usage: vanthu <command> [options]   (--json, --lang vi|en, --config FILE, --debug)';
  return [head, '', ...rows].join('\n');
}

/** Runs the CLI and returns the process exit code (0 ok, 1 negative answer, 2 usage/input/I/O error). */
/** Global options that may come before the command name, with whether each takes a value. */
const LEADING_GLOBALS: Record<string, boolean> = {
  '--lang': true,
  '--config': true,
  '--json': false,
  '--debug': false,
};

/**
 * `vanthu --lang en verify x.pdf` as `vanthu verify x.pdf --lang en`: global options given before the
 * command move after it, where the command's parser reads them. With no command left, the globals
 * alone stay (`vanthu --lang en` shows the help in English).
 */
function commandFirst(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length) {
    const [flag = ''] = (argv[i] ?? '').split('=', 1);
    const takesValue = LEADING_GLOBALS[flag];
    if (takesValue === undefined) break;
    i += takesValue && !(argv[i] ?? '').includes('=') ? 2 : 1;
  }
  return i === 0 || i >= argv.length ? argv : [...argv.slice(i), ...argv.slice(0, i)];
}

/** A global option's value as given (`--name value` or `--name=value`), before the parser runs. */
function globalOptionValue(argv: readonly string[], name: string): string | undefined {
  const joined = argv.find((a) => a.startsWith(`${name}=`));
  if (joined !== undefined) return joined.slice(name.length + 1);
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

export async function main(rawArgv: string[]): Promise<number> {
  const argv = commandFirst(rawArgv);
  // `vanthu --version` (and -V) is the version command, as scripts expect of a CLI.
  const name = argv[0] === '--version' || argv[0] === '-V' ? 'version' : argv[0];
  const entry = COMMANDS.find((c) => c.name === name);
  // Best effort before parsing, so that even a usage error is reported in the requested language.
  const early = globalOptionValue(argv, '--lang');
  // Config ui.language counts for the CLI too, below --lang and above the locale.
  const configured = fileConfiguredLang(globalOptionValue(argv, '--config'));
  let lang: Lang = chooseLang({ ...(early === 'vi' || early === 'en' ? { flag: early } : {}), configured });
  let json = argv.includes('--json');
  let debug = argv.includes('--debug');
  try {
    if (!entry) {
      const onlyGlobals = name !== undefined && LEADING_GLOBALS[name.split('=', 1)[0] ?? ''] !== undefined;
      if (name === undefined || onlyGlobals || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(`${await helpText(lang)}\n`);
        return name === undefined || onlyGlobals ? 2 : 0;
      }
      throw new VanthuError('USAGE', `unknown command "${name}"; run vanthu --help`);
    }
    const command = await entry.load();
    const parsed = parseArgs({
      args: argv.slice(1),
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: command.allowPositionals ?? true,
      strict: true,
    });
    lang = chooseLang({ flag: parsed.values['lang'], configured });
    json = parsed.values['json'] === true;
    debug = parsed.values['debug'] === true;
    if (parsed.values['help'] === true) {
      process.stdout.write(`${await helpText(lang, command)}\n`);
      return 0;
    }
    const ctx: CommandContext = {
      positionals: parsed.positionals,
      values: parsed.values,
      json,
      lang,
      debug,
      configPath: typeof parsed.values['config'] === 'string' ? parsed.values['config'] : undefined,
      say: (text) => {
        if (!json) process.stdout.write(`${text}\n`);
      },
      emit: (value) => {
        if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      },
      log: (text) => process.stderr.write(`${text}\n`),
      t: translator(lang),
    };
    return await command.run(ctx);
  } catch (thrown) {
    const error =
      thrown instanceof TypeError && 'code' in thrown && String(thrown.code).startsWith('ERR_PARSE_ARGS')
        ? new VanthuError('USAGE', thrown.message)
        : toVanthuError(thrown);
    if (json) process.stdout.write(`${JSON.stringify({ error: error.toJSON(lang) })}\n`);
    // The case detail is a technical sentence in English: under Vietnamese it gets a line of its own.
    const detail = error.details?.['detail'];
    process.stderr.write(
      lang === 'en' || typeof detail !== 'string'
        ? `vanthu: ${error.code}: ${error.localized(lang)}\n`
        : `vanthu: ${error.code}: ${ERROR_CATALOGUE[error.code].vi}\nChi tiết kỹ thuật: ${detail}\n`,
    );
    if (debug && thrown instanceof Error && thrown.stack) process.stderr.write(`${thrown.stack}\n`);
    return 2;
  }
}
