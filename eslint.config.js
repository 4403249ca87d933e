// The linter `npm test` runs: the language rules, React's hook rules, and the
// layer rule of the architecture (README "Architecture"): imports point down
//   cli -> launcher | app -> ui | commands -> write -> connection -> store -> state -> api,  demo-gateway -> api
// (write, the one write pipeline, uses only state and api: the client and the history are handed to it)
// A room may import only the rooms listed for it below; a wrong-way import fails the build.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Which rooms (folders of src/) each room may import from. */
const MAY_IMPORT = {
  launcher: ['store'],
  app: ['ui', 'commands', 'write', 'connection', 'store', 'state', 'api', 'demo-gateway'],
  ui: ['write', 'connection', 'state', 'api'],
  commands: ['write', 'connection', 'store', 'state', 'api', 'demo-gateway'],
  write: ['state', 'api'],
  connection: ['store', 'state', 'api', 'demo-gateway'],
  store: ['state', 'api'],
  state: ['api'],
  api: [],
  'demo-gateway': ['api'],
};
const ROOMS = Object.keys(MAY_IMPORT);

/**
 * Folders of an allowed room that a room still must not import: the demo gateway is the independent
 * test bed of the client's version rules, so it emulates each version itself.
 */
const FORBIDDEN_FOLDERS = {
  'demo-gateway': [{ folder: 'api/versions', why: 'the demo gateway emulates each Bifrost version on its own, as the independent test bed of the client\'s version table' }],
};

/**
 * Packages a room must not load: state/ is pure, ui/ reaches the network and disk only through services,
 * write/ is UI-free and reaches them only through the client and the backup store it is given.
 */
const FORBIDDEN_PACKAGES = {
  state: ['react', 'ink', 'undici', 'conf'],
  ui: ['undici', 'conf'],
  write: ['react', 'ink', 'undici', 'conf'],
};

function layerRule(room) {
  // A relative import names the room as a path segment (`../store/x.js`, `../../api/y.js`); `../*` as the
  // whole path is the cli entry and its neighbours, which no room imports.
  const rooms = ROOMS.filter((other) => other !== room && !MAY_IMPORT[room].includes(other));
  const patterns = rooms.map((other) => ({
    group: [`../${other}/**`, `../../${other}/**`, `../../../${other}/**`, `../../../../${other}/**`],
    message: `src/${room}/ may not import src/${other}/ (layer rule, README "Architecture"); it may import: ${MAY_IMPORT[room].join(', ') || 'no other room'}.`,
  }));
  for (const { folder, why } of FORBIDDEN_FOLDERS[room] ?? []) {
    patterns.push({
      group: [`../${folder}/**`, `../../${folder}/**`, `../../../${folder}/**`],
      message: `src/${room}/ may not import src/${folder}/: ${why}.`,
    });
  }
  patterns.push({
    group: ['../cli.js', '../../cli.js', '../usage.js', '../../usage.js', '../version.js', '../../version.js'],
    message: `src/${room}/ may not import the entry point's files in src/ (layer rule).`,
  });
  const paths = (FORBIDDEN_PACKAGES[room] ?? []).map((name) => ({
    name,
    message: `src/${room}/ may not load ${name} (layer rule, README "Architecture").`,
  }));
  const rule = (extraPaths) => ({ 'no-restricted-imports': ['error', { patterns, paths: [...paths, ...extraPaths] }] });
  if (room !== 'ui') return { files: [`src/${room}/**/*.{ts,tsx}`], rules: rule([]) };
  // Text reaches the terminal through one component, which makes it printable (README "Safety guarantees").
  return [
    { files: ['src/ui/**/*.{ts,tsx}'], rules: rule(INK_TEXT) },
    { files: [SAFE_TEXT], rules: rule([]) },
  ];
}

/** The one file that may draw with Ink's own Text. */
const SAFE_TEXT = 'src/ui/widgets/safe-text.tsx';
const INK_TEXT = [
  {
    name: 'ink',
    importNames: ['Text', 'Transform'],
    message: `draw text with Text from ${SAFE_TEXT}: it makes gateway and config text printable (an OSC or CSI in a provider's text must never reach the terminal raw).`,
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The app parses terminal input and makes gateway text printable: regexes over control characters are its job.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A spread argument puts every element on the stack: `Math.max(...rows)` over 130,000 providers
      // throws "Maximum call stack size exceeded". Loop, reduce or concat instead (README "Safety guarantees").
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(max|min|push|unshift|splice|fromCharCode|fromCodePoint)$/] > SpreadElement',
          message: 'no spread arguments to max/min/push/…: they overflow the stack on large arrays (use a loop, reduce or concat)',
        },
      ],
    },
  },
  ...ROOMS.flatMap((room) => layerRule(room)),
);
