# First contact, shared by `npm start`, `npm test` and .ci/run (sourced after lib.sh, not run).
# Needs only node 20+ and npm. Finds everything else the two commands need, installs what it can (pnpm at the
# version in package.json's packageManager; Debian packages with apt-get as root or through `sudo -n`) and,
# when something cannot be installed from here, stops before any long step with one message that lists every
# missing piece and the command that gets it.

# The native infra's ports (infra/src/config.ts PORTS; a unit test keeps them equal). A component whose port
# already answers (a running infra, maybe from another checkout) needs none of its packages.
declare -A INFRA_PORT=([postgres]=5433 [redis]=6380 [kafka]=9092 [jaeger]=16686)
POSTGRES_MAJOR=15
GO_MIN=1.24 # jaeger's go.mod
CACHE_DIR="${SAGA_CACHE_DIR:-$HOME/.cache/saga-platform}"

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
have() { command -v "$1" >/dev/null 2>&1; }
pnpm_version_wanted() { node -p "require('./package.json').packageManager.split('@')[1]"; }

native_infra() {
  case "${SAGA_INFRA_MODE-}" in
    native) return 0 ;;
    docker) return 1 ;;
  esac
  ! { have docker && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; }
}

# Fills MISSING (what is needed, for the message), APT_PACKAGES (the Debian packages that provide it) and
# NOT_FROM_APT (what no Debian package provides at a usable version; always stops with the message).
find_missing() {
  MISSING=()
  APT_PACKAGES=()
  NOT_FROM_APT=()
  need() { MISSING+=("$1"); APT_PACKAGES+=("$2"); }
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  ((major >= 20)) || need "node 20 or newer (this is $(node -v))" nodejs
  have curl || need "curl (start waits for the services' health endpoints with it)" curl
  if [[ "${BOOTSTRAP_FOR_TESTS:-}" == true ]] && ! have "${CHROMIUM_PATH:-chromium}"; then
    need "chromium (the explorer's page test drives it with playwright-core; nothing downloads a browser)" chromium
  fi
  if native_infra; then
    if ! port_answers "${INFRA_PORT[postgres]}" && [[ ! -x "/usr/lib/postgresql/$POSTGRES_MAJOR/bin/pg_ctl" ]]; then
      need "PostgreSQL $POSTGRES_MAJOR server (/usr/lib/postgresql/$POSTGRES_MAJOR/bin/pg_ctl)" "postgresql-$POSTGRES_MAJOR"
    fi
    if ! port_answers "${INFRA_PORT[redis]}" && ! have redis-server; then need "redis-server" redis-server; fi
    if ! port_answers "${INFRA_PORT[kafka]}"; then
      have java || need "java 17+ (runs Kafka)" default-jre-headless
      if ! compgen -G "$CACHE_DIR/kafka-*/.complete" >/dev/null && ! have mvn; then
        need "mvn (fetches the Kafka jars once)" maven
      fi
    fi
    if ! port_answers "${INFRA_PORT[jaeger]}" && ! compgen -G "$CACHE_DIR/jaeger-*/bin/jaeger" >/dev/null && ! have go; then
      NOT_FROM_APT+=("go $GO_MIN or newer (builds Jaeger once; Debian's golang-go is older)")
    fi
  fi
}

# How packages can be installed here: "root", "sudo", or "" (cannot).
apt_access() {
  have apt-get || return 0
  if [[ "$(id -u)" == 0 ]]; then
    echo root
  elif have sudo && sudo -n true 2>/dev/null; then
    echo sudo
  fi
}

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo -n "$@"; fi; }

pnpm_ok() { [[ "$(pnpm --version 2>/dev/null || true)" == "$PNPM_VERSION" ]]; }

# npm's global prefix when it is writable (root, or a user prefix); ~/.local otherwise (on PATH from then on).
install_pnpm() {
  local prefix
  prefix="$(npm prefix -g)"
  if [[ -w "$prefix/lib" || -w "$prefix" && ! -e "$prefix/lib" ]]; then
    long_step "installing pnpm $PNPM_VERSION with npm" "$ROOT/.local/logs/pnpm-bootstrap.log" \
      npm install -g "pnpm@$PNPM_VERSION" || return 1
    export PATH="$prefix/bin:$PATH"
  else
    long_step "installing pnpm $PNPM_VERSION with npm into $HOME/.local" "$ROOT/.local/logs/pnpm-bootstrap.log" \
      npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" || return 1
    export PATH="$HOME/.local/bin:$PATH"
    echo "    pnpm is in $HOME/.local/bin; add it to PATH to type pnpm commands yourself" >&2
  fi
  hash -r
  pnpm_ok || { echo "pnpm $PNPM_VERSION still not found after installing it" >&2; return 1; }
}

bootstrap() {
  PNPM_VERSION="$(pnpm_version_wanted)"
  find_missing
  local access=""
  if ((${#MISSING[@]} > 0)); then access="$(apt_access)"; fi
  if { ((${#MISSING[@]} > 0)) && [[ -z "$access" ]]; } || ((${#NOT_FROM_APT[@]} > 0)); then
    {
      echo
      echo "This machine lacks what the platform needs, and this command cannot install all of it:"
      ((${#MISSING[@]} == 0)) || printf '  - %s\n' "${MISSING[@]}"
      ((${#NOT_FROM_APT[@]} == 0)) || printf '  - %s\n' "${NOT_FROM_APT[@]}"
      pnpm_ok || echo "  - pnpm $PNPM_VERSION"
      echo "To get them:"
      if ((${#MISSING[@]} > 0)) && [[ -z "$access" ]]; then
        if have apt-get; then printf '  as root (this user is not root and has no password-less sudo):\n'; else
          printf '  with the system package manager (no apt-get here); on Debian, as root:\n'
        fi
        echo "    apt-get update && apt-get install -y ${APT_PACKAGES[*]}"
      elif ((${#MISSING[@]} > 0)); then
        echo "  ${APT_PACKAGES[*]}: this command installs them itself (apt-get as $access)"
      fi
      ((${#NOT_FROM_APT[@]} == 0)) || echo "  go: from the Go project's release archive, with its bin/ on PATH"
      pnpm_ok || echo "  pnpm: this command installs it itself with npm once the rest is there"
      echo "Then run the command again. (With a Docker engine the infra comes from docker-compose.yml and needs"
      echo "none of the servers.)"
    } >&2
    return 1
  fi
  if ((${#MISSING[@]} > 0)); then
    step "installing ${APT_PACKAGES[*]} (apt-get as $access)"
    long_step "apt-get update" "$ROOT/.local/logs/apt-get.log" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    long_step "apt-get install ${APT_PACKAGES[*]}" "$ROOT/.local/logs/apt-get.log" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-upgrade "${APT_PACKAGES[@]}" || return 1
    hash -r
  fi
  pnpm_ok || install_pnpm || return 1
}
