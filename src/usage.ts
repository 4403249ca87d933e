/** The top-level --help text. */
import { exitCodesHelp } from './state/exit-codes.js';

export const USAGE = `bifrost-tui: edit a Bifrost gateway's provider configuration from a terminal

Usage:
  bifrost-tui [--profile NAME | --url URL] [--no-color]      key: BIFROST_API_KEY or a profile
  bifrost-tui --demo                      start an embedded demo gateway and open it
  bifrost-tui providers <command> ...     scripts: list, get, export, diff, apply, set, history, restore
  bifrost-tui keys <command> ...          a provider's API keys: list, get, add, set, rotate, enable, disable, remove, history, restore
  bifrost-tui profiles <command> ...      list, show, add, edit, remove, use, test
  bifrost-tui fleet <command> ...         many gateways: diff, push
  bifrost-tui demo-gateway [--port N]     run the demo gateway on its own

Options:
  --url URL          gateway base URL (env BIFROST_URL), e.g. http://localhost:8080
  --api-key KEY      management API key, sent as Bearer; it is hidden from ps at start, but shell history
                     keeps it: the safe ways are env BIFROST_API_KEY, a profile (profiles add --api-key-stdin,
                     --api-key-env, --api-key-command) or the key prompt
  --profile NAME     use a stored profile (env BIFROST_PROFILE)
  --demo             connect to an embedded demo gateway on 127.0.0.1
  --timeout MS       request timeout for reads (writes wait at least 30 s)
  --refresh SECONDS  refresh the provider list every SECONDS while it is shown (default 10; 0 turns it off)
  --no-color         monochrome (also NO_COLOR=1 or TERM=dumb)
  -h, --help         this help
  -V, --version      print the version

In the app press ? for every key.

${exitCodesHelp()}
The app itself: 129 when its terminal hangs up, 130 on SIGINT, 143 on SIGTERM.
`;
