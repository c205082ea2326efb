// The import boundaries of DESIGN.md ("Imports run one way: api → services → domain and store; domain imports only
// contract. web imports only functions/contract"), checked on every `npm test` by `npm run lint`
// (dependency-cruiser reads the resolved import graph, so `../../store/x.ts` and `../store/x.ts` are the same edge).
// Paths are relative to the repository root; a package's path runs through node_modules/ (not anchored, so the rules
// hold wherever node_modules is found).
// test/unit/import-boundaries.test.ts plants a violation of each rule on a copy of this config and expects it reported.

/** Where a value may come from in functions/domain: only errors.ts. Types may come from any domain file. */
const DOMAIN_VALUES = '^functions/domain/errors[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-contract',
      comment: 'functions/domain is pure rules: no I/O, no AWS, no packages, no Node built-ins; it imports only functions/contract and itself.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { pathNot: '^functions/(domain|contract)/' },
    },
    {
      name: 'contract-imports-only-zod',
      comment: 'functions/contract is shared with the browser: zod and itself only.',
      severity: 'error',
      from: { path: '^functions/contract/' },
      to: { pathNot: '(^functions/contract/|node_modules/zod/)' },
    },
    {
      name: 'only-store-imports-aws-sdk',
      comment: 'Only functions/store talks to AWS (@aws-sdk/*); everyone else goes through it.',
      severity: 'error',
      from: { pathNot: '^functions/store/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'powertools-only-in-entry',
      comment: 'The Lambda hosts (functions/entry) log with @aws-lambda-powertools; the app itself takes a log function.',
      severity: 'error',
      from: { pathNot: '^functions/entry/' },
      to: { path: 'node_modules/@aws-lambda-powertools/' },
    },
    {
      name: 'infra-never-imports-functions',
      comment: 'infra/ points at entry files by path; it never imports code from functions/.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^functions/' },
    },
    {
      name: 'web-imports-only-contract',
      comment: 'The browser app may import from functions/ only functions/contract (types, schemas, constants).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(functions|infra)/', pathNot: '^functions/contract/' },
    },
    {
      name: 'functions-never-import-web-or-infra',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(web|infra)/' },
    },
    {
      name: 'catalog-imports-contract',
      comment: 'The curriculum compiler and loader: functions/contract and their own files; of packages markdown-it, yaml and zod.',
      severity: 'error',
      from: { path: '^functions/catalog/' },
      to: { path: '(^functions/|node_modules/)', pathNot: '(^functions/(catalog|contract)/|node_modules/(markdown-it|@types/markdown-it|yaml|zod)/)' },
    },
    {
      name: 'services-import-domain-store-contract',
      comment: 'Use cases load through store, decide with domain, write through store.',
      severity: 'error',
      from: { path: '^functions/services/' },
      to: { path: '^functions/', pathNot: '^functions/(services|domain|store|contract)/' },
    },
    {
      name: 'api-imports-services-not-store',
      comment: 'Routes validate and call one service; they never reach the store (or jobs, catalog, entry) directly.',
      severity: 'error',
      from: { path: '^functions/api/' },
      to: { path: '^functions/', pathNot: '^functions/(api|services|domain|contract)/' },
    },
    {
      name: 'api-takes-only-errors-and-types-from-domain',
      comment: 'Rules are applied by services; the api layer maps domain errors and names domain types, nothing else.',
      severity: 'error',
      from: { path: '^functions/api/' },
      to: { path: '^functions/domain/', pathNot: DOMAIN_VALUES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-imports-contract-and-domain-types',
      comment: 'The store persists what services decided: contract and domain types (and domain errors), never services or api.',
      severity: 'error',
      from: { path: '^functions/store/' },
      to: { path: '^functions/', pathNot: '^functions/(store|domain|contract)/' },
    },
    {
      name: 'store-takes-only-errors-and-types-from-domain',
      severity: 'error',
      from: { path: '^functions/store/' },
      to: { path: '^functions/domain/', pathNot: DOMAIN_VALUES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'jobs-import-domain-store-contract',
      comment: 'Scheduled work is a function of (store, clock), deciding with domain.',
      severity: 'error',
      from: { path: '^functions/jobs/' },
      to: { path: '^functions/', pathNot: '^functions/(jobs|domain|store|contract)/' },
    },
    {
      name: 'only-entry-imports-entry',
      comment: 'Hosts sit on top: nothing inside functions/ depends on how it is hosted.',
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/entry/' },
      to: { path: '^functions/entry/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the linter cannot resolve would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a rule on a folder covers `import type` too, unless a rule says otherwise.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules/' },
    exclude: { path: '[.]test[.]tsx?$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: false } },
  },
};
