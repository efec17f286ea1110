// What `connect shell-init` prints. Each snippet reads the stamp the nudge leaves beside the journal
// (`<journal>.nudge`, the epoch second from which it may speak again) with shell built-ins only, so
// most shells of the day start no process at all; only when the stamp allows does it run
// `connect nudge`, with stderr silenced, stdin closed and, where `timeout` exists, a 2-second limit.
// zsh asks `whence -p`, not $commands, which hashes the whole PATH on first use (milliseconds).

import type { Shell } from '../core/types';

export const BEGIN_MARKER = '# >>> connect shell-init >>>';
export const END_MARKER = '# <<< connect shell-init <<<';

/** The file each shell reads at start, for the README and the help text. */
export const RC_FILES: Record<Shell, string> = {
  bash: '~/.bashrc',
  zsh: '~/.zshrc',
  fish: '~/.config/fish/config.fish',
};

const header = (shell: Shell) => `${BEGIN_MARKER}
# connect nudge: one gentle line when a ${shell} starts, at most once per nudge.every (default: a day).
# To remove it, delete the lines from ">>> connect shell-init" to "<<< connect shell-init" in ${RC_FILES[shell]}.`;

const BASH = `${header('bash')}
if [[ $- == *i* ]] && command -v connect >/dev/null 2>&1; then
  __connect_nudge() {
    local j="\${CONNECT_DB:-\${XDG_DATA_HOME:-$HOME/.local/share}/connect/journal.db}" n= now=
    [[ -f $j ]] || return 0
    [[ -r $j.nudge ]] && read -r n < "$j.nudge"
    if [[ $n =~ ^[0-9]+$ ]]; then
      if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 2) )); then
        printf -v now '%(%s)T' -1
      else
        now=$(date +%s)
      fi
      (( now < n )) && return 0
    fi
    # connect makes no network connections; with NODE_EXTRA_CA_CERTS set, Node 20 loads certificates as it starts.
    if command -v timeout >/dev/null 2>&1; then
      NODE_EXTRA_CA_CERTS= timeout 2 connect nudge </dev/null 2>/dev/null
    else
      NODE_EXTRA_CA_CERTS= connect nudge </dev/null 2>/dev/null
    fi
    return 0
  }
  __connect_nudge
  unset -f __connect_nudge
fi
${END_MARKER}
`;

const ZSH = `${header('zsh')}
if [[ -o interactive ]] && whence -p connect >/dev/null 2>&1; then
  () {
    emulate -L zsh
    local j=\${CONNECT_DB:-\${XDG_DATA_HOME:-$HOME/.local/share}/connect/journal.db} n= now=
    [[ -f $j ]] || return 0
    [[ -r $j.nudge ]] && read -r n < $j.nudge
    if [[ $n == <-> ]]; then
      zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
      now=\${EPOCHSECONDS:-$(date +%s)}
      (( now < n )) && return 0
    fi
    # connect makes no network connections; with NODE_EXTRA_CA_CERTS set, Node 20 loads certificates as it starts.
    if whence -p timeout >/dev/null 2>&1; then
      NODE_EXTRA_CA_CERTS= timeout 2 connect nudge </dev/null 2>/dev/null
    else
      NODE_EXTRA_CA_CERTS= connect nudge </dev/null 2>/dev/null
    fi
    return 0
  }
fi
${END_MARKER}
`;

// fish has no clock variable; from 3.5 on, \`path mtime\` tells a file's age without starting a process.
const FISH = `${header('fish')}
if status is-interactive; and command -q connect
    function __connect_nudge
        set -l j $CONNECT_DB
        if test -z "$j"
            set j $XDG_DATA_HOME
            test -n "$j"; or set j $HOME/.local/share
            set j $j/connect/journal.db
        end
        test -f $j; or return 0
        set -l n
        test -r $j.nudge; and read n < $j.nudge
        if string match -qr '^[0-9]+$' -- "$n"
            set -l v (string split . -- $version)
            set -l now
            if test "$v[1]" -gt 3 2>/dev/null; or begin; test "$v[1]" -eq 3 2>/dev/null; and test "$v[2]" -ge 5 2>/dev/null; end
                set now (math (path mtime $j.nudge) + (path mtime --relative $j.nudge))
            else
                set now (date +%s)
            end
            test "$now" -lt "$n" 2>/dev/null; and return 0
        end
        # connect makes no network connections; with NODE_EXTRA_CA_CERTS set, Node 20 loads certificates as it starts.
        set -lx NODE_EXTRA_CA_CERTS
        if command -q timeout
            timeout 2 connect nudge </dev/null 2>/dev/null
        else
            connect nudge </dev/null 2>/dev/null
        end
        return 0
    end
    __connect_nudge
    functions -e __connect_nudge
end
${END_MARKER}
`;

const SNIPPETS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };

export function shellSnippet(shell: Shell): string {
  return SNIPPETS[shell];
}
