import type { Command } from 'commander';
import { CHANNELS, EXPORT_FORMATS, FELT, IMPORT_SOURCES, INITIATED } from '../core/types';
import { SHELLS, type Shell } from '../core/types';

/*
 * `connect completion bash|zsh|fish`: a script generated from commander's own command tree, so it never drifts
 * from the commands. Names and touchpoint ids come from the journal at Tab time, through
 * `connect completion --names people|touchpoints` (which prints nothing when there is no journal).
 */

export const COMPLETION_BEGIN = '# >>> connect completion >>>';
export const COMPLETION_END = '# <<< connect completion <<<';

/** What a flag's value or an argument completes to: fixed words, names from the journal, files, or nothing (free text). */
export type Kind = { words: readonly string[] } | 'people' | 'touchpoints' | 'files' | 'free';

export interface Flag {
  name: string;
  description: string;
  /** null: the flag takes no value. */
  value: Kind | null;
}

export interface Node {
  /** "" for connect itself, else the words after it: "touchpoint add". */
  path: string;
  name: string;
  description: string;
  flags: Flag[];
  subcommands: Node[];
  /** What its positional arguments complete to, when anything. */
  args: Kind | null;
}

/** Flags whose values are known, wherever they appear; `import --from` names a source, `touchpoint add --from` a day. */
function flagKind(path: string, flag: string): Kind {
  if (path === 'import' && flag === 'from') return { words: IMPORT_SOURCES };
  const known: Record<string, Kind> = {
    channel: { words: CHANNELS },
    felt: { words: FELT },
    initiated: { words: INITIATED },
    format: { words: EXPORT_FORMATS },
    person: 'people',
    with: 'people',
    people: 'people',
    touchpoint: 'touchpoints',
    db: 'files',
    out: 'files',
  };
  return known[flag] ?? 'free';
}

function argKind(path: string, args: string[]): Kind | null {
  if (
    path === 'log' ||
    (path.startsWith('people ') &&
      args.some((a) => ['name', 'old', 'from', 'into'].includes(a)) &&
      path !== 'people add')
  )
    return 'people';
  if (path.startsWith('touchpoint ') && args.includes('id')) return 'touchpoints';
  if (path === 'shell-init' || path === 'completion') return { words: SHELLS };
  if (args.includes('file')) return 'files';
  return null;
}

/** The tree as commander holds it, hidden commands and options left out. */
export function completionTree(command: Command, path = ''): Node {
  const flags: Flag[] = command.options
    .filter((option) => !option.hidden && option.long)
    .map((option) => {
      const name = option.long!.replace(/^--/, '');
      return {
        name,
        description: option.description,
        value: option.required || option.optional ? flagKind(path, name) : null,
      };
    });
  if (!flags.some((f) => f.name === 'help')) flags.push({ name: 'help', description: 'show help', value: null });
  const subcommands = command.commands
    .filter((sub) => !(sub as Command & { _hidden?: boolean })._hidden)
    .map((sub) => completionTree(sub, path ? `${path} ${sub.name()}` : sub.name()));
  return {
    path,
    name: command.name(),
    description: command.description(),
    flags,
    subcommands,
    args: argKind(
      path,
      command.registeredArguments.map((a) => a.name()),
    ),
  };
}

const all = (node: Node): Node[] => [node, ...node.subcommands.flatMap(all)];
const kindName = (kind: Kind | null) =>
  kind === null ? '' : typeof kind === 'string' ? kind : `words:${kind.words.join(' ')}`;
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Shell functions both bash and zsh read alike: the tree as case tables. */
function tables(root: Node): string {
  const nodes = all(root);
  const global = root.flags;
  const flagsOf = (node: Node) => [...node.flags, ...(node === root ? [] : global)];
  return [
    '_connect_subs() {',
    '  case "$1" in',
    ...nodes
      .filter((n) => n.subcommands.length > 0)
      .map((n) => `    ${quoted(n.path)}) echo ${quoted(n.subcommands.map((s) => s.name).join(' '))} ;;`),
    '  esac',
    '}',
    '_connect_flags() {',
    '  case "$1" in',
    ...nodes.map(
      (n) =>
        `    ${quoted(n.path)}) echo ${quoted(
          flagsOf(n)
            .map((f) => `--${f.name}`)
            .join(' '),
        )} ;;`,
    ),
    '  esac',
    '}',
    "# What a flag's value completes to: words:…, people, touchpoints, files, free; nothing for a flag without one.",
    '_connect_value() {',
    '  case "$1|$2" in',
    ...nodes.flatMap((n) =>
      flagsOf(n)
        .filter((f) => f.value !== null)
        .map((f) => `    ${quoted(`${n.path}|--${f.name}`)}) echo ${quoted(kindName(f.value))} ;;`),
    ),
    '  esac',
    '}',
    '_connect_args() {',
    '  case "$1" in',
    ...nodes.filter((n) => n.args !== null).map((n) => `    ${quoted(n.path)}) echo ${quoted(kindName(n.args))} ;;`),
    '  esac',
    '}',
    // Walks the words typed so far: each that names a subcommand of the path so far extends it.
    '_connect_walk() {',
    '  local cpath="" skip="" word',
    '  for word in "$@"; do',
    '    if [ -n "$skip" ]; then skip=""; continue; fi',
    '    case "$word" in',
    '      --*=*) ;;',
    '      -*) [ -n "$(_connect_value "$cpath" "$word")" ] && skip=1 ;;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own ${…}, not a template
    '      *) case " $(_connect_subs "$cpath") " in *" $word "*) cpath="${cpath:+$cpath }$word" ;; esac ;;',
    '    esac',
    '  done',
    '  echo "$cpath"',
    '}',
  ].join('\n');
}

const header = (shell: Shell, file: string, how: string) => `${COMPLETION_BEGIN}
# Tab completion for connect in ${shell}: commands, flags, their values, people’s names and touchpoint ids.
# ${how}
# To remove it, delete the lines from ">>> connect completion" to "<<< connect completion" in ${file}.`;

function bashScript(root: Node): string {
  return `${header('bash', '~/.bashrc', 'Add it with: connect completion bash >> ~/.bashrc')}
${tables(root)}
_connect_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cpath kind line
  (( COMP_CWORD > 1 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cpath="$(_connect_walk "\${COMP_WORDS[@]:1:COMP_CWORD-1}")"
  COMPREPLY=()
  kind=""
  case "$prev" in -*) kind="$(_connect_value "$cpath" "$prev")" ;; esac
  if [ -z "$kind" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=( $(compgen -W "$(_connect_flags "$cpath")" -- "$cur") )
      return 0
    fi
    COMPREPLY=( $(compgen -W "$(_connect_subs "$cpath")" -- "$cur") )
    kind="$(_connect_args "$cpath")"
  fi
  case "$kind" in
    words:*) COMPREPLY+=( $(compgen -W "\${kind#words:}" -- "$cur") ) ;;
    files) compopt -o default 2>/dev/null; COMPREPLY=() ;;
    people|touchpoints)
      while IFS=$'\\t' read -r line _; do
        [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=( "$(printf '%q' "$line")" )
      done < <(NODE_EXTRA_CA_CERTS= connect completion --names "$kind" 2>/dev/null)
      ;;
  esac
  return 0
}
complete -F _connect_complete connect
${COMPLETION_END}`;
}

function zshScript(root: Node): string {
  return `${header('zsh', '~/.zshrc', 'Add it with: connect completion zsh >> ~/.zshrc (after compinit)')}
${tables(root)}
_connect_complete() {
  emulate -L zsh
  setopt sh_word_split
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" cpath kind line
  local -a found ids descriptions
  cpath="$(_connect_walk "\${(@)words[2,CURRENT-1]}")"
  kind=""
  case "$prev" in -*) (( CURRENT > 2 )) && kind="$(_connect_value "$cpath" "$prev")" ;; esac
  if [[ -z $kind ]]; then
    if [[ $cur == -* ]]; then
      found=( $(_connect_flags "$cpath") )
      compadd -a found
      return 0
    fi
    found=( $(_connect_subs "$cpath") )
    (( $#found )) && compadd -a found
    kind="$(_connect_args "$cpath")"
  fi
  case "$kind" in
    words:*) found=( \${kind#words:} ); compadd -a found ;;
    files) _files ;;
    people)
      found=( "\${(@f)$(NODE_EXTRA_CA_CERTS= connect completion --names people 2>/dev/null)}" )
      found=( "\${(@)found:#}" )
      (( $#found )) && compadd -a found
      ;;
    touchpoints)
      ids=() descriptions=()
      while IFS=$'\\t' read -r line rest; do
        [[ -n $line ]] || continue
        ids+=( "$line" ) descriptions+=( "$line  -- $rest" )
      done < <(NODE_EXTRA_CA_CERTS= connect completion --names touchpoints 2>/dev/null)
      (( $#ids )) && compadd -l -d descriptions -a ids
      ;;
  esac
  return 0
}
(( $+functions[compdef] )) && compdef _connect_complete connect
${COMPLETION_END}`;
}

function fishScript(root: Node): string {
  const nodes = all(root);
  const global = root.flags;
  const lines = [
    header('fish', '~/.config/fish/config.fish', 'Add it with: connect completion fish >> ~/.config/fish/config.fish'),
    'function __connect_subs',
    '  switch "$argv[1]"',
    ...nodes
      .filter((n) => n.subcommands.length > 0)
      .flatMap((n) => [`    case ${quoted(n.path)}`, `      echo ${n.subcommands.map((s) => s.name).join(' ')}`]),
    '  end',
    'end',
    'function __connect_takes_value',
    '  switch "$argv[1]|$argv[2]"',
    `    case ${nodes.flatMap((n) => [...n.flags, ...(n === root ? [] : global)].filter((f) => f.value !== null).map((f) => quoted(`${n.path}|--${f.name}`))).join(' ')}`,
    '      return 0',
    '  end',
    '  return 1',
    'end',
    '# The command path typed so far ("touchpoint add"), as _connect_walk finds it in bash and zsh.',
    'function __connect_path',
    '  set -l path ""',
    '  set -l skip 0',
    '  for word in (commandline -opc)[2..-1]',
    '    if test $skip = 1',
    '      set skip 0',
    '      continue',
    '    end',
    '    switch $word',
    "      case '--*=*'",
    "      case '-*'",
    '        __connect_takes_value "$path" $word; and set skip 1',
    '      case "*"',
    '        if contains -- $word (string split " " -- (__connect_subs "$path"))',
    '          set path (string trim -- "$path $word")',
    '        end',
    '    end',
    '  end',
    '  echo $path',
    'end',
    'function __connect_at',
    '  test (__connect_path) = "$argv[1]"',
    'end',
    'complete -c connect -f',
  ];
  const source = (kind: Kind): string => {
    if (kind === 'people') return "-a '(env NODE_EXTRA_CA_CERTS= connect completion --names people 2>/dev/null)'";
    if (kind === 'touchpoints')
      return "-a '(env NODE_EXTRA_CA_CERTS= connect completion --names touchpoints 2>/dev/null)'";
    if (kind === 'files') return '-F';
    if (kind === 'free') return '';
    return `-a ${quoted(kind.words.join(' '))}`;
  };
  for (const node of nodes) {
    const at = `-n ${quoted(`__connect_at ${quoted(node.path)}`)}`;
    for (const sub of node.subcommands)
      lines.push(`complete -c connect ${at} -a ${quoted(sub.name)} -d ${quoted(sub.description)}`);
    for (const flag of [...node.flags, ...(node === root ? [] : global)]) {
      const value = flag.value === null ? '' : ` -r ${source(flag.value)}`;
      lines.push(`complete -c connect ${at} -l ${flag.name} -d ${quoted(flag.description)}${value}`.trimEnd());
    }
    if (node.args !== null) lines.push(`complete -c connect ${at} ${source(node.args)}`.trimEnd());
  }
  lines.push(COMPLETION_END);
  return lines.join('\n');
}

export function completionScript(shell: Shell, root: Node): string {
  if (shell === 'bash') return bashScript(root);
  if (shell === 'zsh') return zshScript(root);
  return fishScript(root);
}
