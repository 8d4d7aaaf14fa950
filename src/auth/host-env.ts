/**
 * Environment variables that change how a spawned process finds and loads code: refused in every env
 * source of a stdio server (its configuration, its schema, each user's own values), whoever set them.
 * Names compare case-insensitively (npm reads `npm_config_*` in any case; Windows ignores case).
 * A trailing `*` matches any suffix.
 */
const SOURCES: Record<string, readonly string[]> = {
  // sudo, plugins/sudoers/env.c, initial_badenv_table (sudo-project/sudo 2e18923c), every platform's entries.
  sudo: [
    'IFS', 'CDPATH', 'LOCALDOMAIN', 'RES_OPTIONS', 'HOSTALIASES', 'NLSPATH', 'PATH_LOCALE', 'LD_*', '_RLD*',
    'SHLIB_PATH', 'LDR_*', 'LIBPATH', 'AUTHSTATE', 'DYLD_*', 'KRB5_CONFIG*', 'KRB5_KTNAME',
    'TERMINFO', 'TERMINFO_DIRS', 'TERMPATH', 'TERMCAP', 'ENV', 'BASH_ENV', 'PS4', 'GLOBIGNORE', 'BASHOPTS',
    'SHELLOPTS', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'CLASSPATH', 'PERLIO_DEBUG', 'PERLLIB', 'PERL5LIB',
    'PERL5OPT', 'PERL5DB', 'FPATH', 'NULLCMD', 'READNULLCMD', 'ZDOTDIR', 'TMPPREFIX', 'PYTHONHOME',
    'PYTHONPATH', 'PYTHONINSPECT', 'PYTHONUSERBASE', 'PYTHONSTARTUP', 'RUBYLIB', 'RUBYOPT',
    'NODE_OPTIONS', 'NODE_PATH', 'GIT_SSH_COMMAND', 'GIT_CONFIG_*', 'GCONV_PATH',
  ],
  // glibc, sysdeps/generic/unsecvars.h, UNSECURE_ENVVARS (bminor/glibc 04e750e7).
  glibc: [
    'GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'HOSTALIASES', 'LD_*', 'LOCALDOMAIN', 'LOCPATH', 'MALLOC_*',
    'NIS_PATH', 'NLSPATH', 'RESOLV_HOST_CONF', 'RES_OPTIONS', 'TMPDIR', 'TZDIR',
  ],
  // Whole families, per their documentation: `python -E` ignores every PYTHON* variable; every PIP_<OPTION>
  // and UV_* is a command-line option (index URLs among them); npm reads every npm_config_*; git reads
  // programs to run from GIT_* (GIT_EXEC_PATH, GIT_SSH, GIT_ASKPASS, GIT_CONFIG_KEY_<n>…); .NET loads
  // startup hooks and profilers from DOTNET_*, CORECLR_* and COR_*; exported bash functions are BASH_FUNC_*.
  families: ['PYTHON*', 'PERL5*', 'RUBY*', 'NPM_CONFIG_*', 'PIP_*', 'UV_*', 'GIT_*', 'DOTNET_*', 'CORECLR_*', 'COR_*', 'BASH_FUNC_*'],
  // More runtimes' documented ways to load code or options: OpenSSL's config and modules (engines load
  // shared objects), Lua, PHP, Ruby gems, JVM and build tools, Bun, Deno, Go's toolchain flags.
  runtimes: [
    'OPENSSL_CONF', 'OPENSSL_MODULES', 'OPENSSL_ENGINES', 'LUA_*', 'PHPRC', 'PHP_INI_SCAN_DIR', 'GEM_*', 'BUNDLE_*',
    'JAVA_OPTS', 'JDK_JAVA_OPTIONS', 'MAVEN_OPTS', 'GRADLE_OPTS', 'BUN_*', 'DENO_*', 'GOFLAGS', 'GOPROXY', 'GOTOOLCHAIN',
    'NODE_REPL_EXTERNAL_MODULE',
  ],
  // What a process trusts and through what it connects: a proxy or a CA of someone else's would read
  // the traffic the server's own secrets ride on.
  trust: [
    'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED',
    'SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE', 'REQUESTS_CA_BUNDLE',
  ],
  // Where programs are found, and where their configuration is read from: the gateway's own values only.
  gateway: ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_HOME', 'XDG_DATA_DIRS'],
};

const PATTERNS = [...new Set(Object.values(SOURCES).flat())];
const EXACT = new Set(PATTERNS.filter((p) => !p.endsWith('*')));
const PREFIXES = PATTERNS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));

/** Whether a variable of this name may change what code a spawned process runs. */
export function loadsCode(name: string): boolean {
  const upper = name.toUpperCase();
  return EXACT.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/** The names among `names` that a spawned process must not be given. */
export const codeLoadingNames = (names: Iterable<string>): string[] => [...names].filter(loadsCode);

/** Every pattern, for tests and documentation. */
export const CODE_LOADING_PATTERNS: readonly string[] = PATTERNS;
