import type { Command } from 'commander';
import { apiClient, ApiError } from '../client/api-client.ts';
import { graphql } from '../client/gql/index.ts';
import { readStdin, type Output } from './output.ts';
import { loggedInClient, saveSession } from './session-store.ts';

const WhoAmI = graphql(`query CliWhoAmI { viewer { kind username role organization { name } } }`);
const Login = graphql(`mutation CliLogin($input: LoginInput!) { login(input: $input) { token } }`);

export function loginCommands(program: Command, output: Output) {
  program
    .command('login <url>')
    .description('check a token (or a password) against the gateway at <url> and keep it for the next commands')
    .option('--token <token>', 'an API token (default: $SWITCHBOARD_TOKEN)')
    .option('--username <username>', 'log in with a password instead of a token')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (url: string, options: { token?: string; username?: string; passwordStdin?: boolean }) => {
      let token = options.token ?? process.env.SWITCHBOARD_TOKEN;
      if (options.username) {
        if (!options.passwordStdin) throw new ApiError('BAD_USER_INPUT', '--username needs --password-stdin');
        const password = (await readStdin()).replace(/\r?\n$/, '');
        token = (await apiClient(url, null).run(Login, { input: { username: options.username, password } })).login.token;
      }
      if (!token) throw new ApiError('BAD_USER_INPUT', 'give --token, set SWITCHBOARD_TOKEN, or use --username with --password-stdin');
      const client = apiClient(url, token);
      const { viewer } = await client.run(WhoAmI, {});
      const file = saveSession({ url: client.url, token });
      output.done({ url: client.url, ...viewer, sessionFile: file }, `logged in to ${client.url} as ${viewer.username ?? viewer.kind}; saved in ${file}`);
    });

  program
    .command('whoami')
    .description('who the stored token is')
    .action(async () => {
      const { viewer } = await loggedInClient().run(WhoAmI, {});
      output.done(viewer, `${viewer.username ?? viewer.kind} (system role ${viewer.role})${viewer.organization ? ` in ${viewer.organization.name}` : ''}`);
    });
}
