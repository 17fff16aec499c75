/**
 * Architecture rules (docs/internal-apis.md "Service layout"): the domain is pure, the application layer does
 * not know adapters, libs never reach into services, and nothing is circular.
 */
/** Matches both a resolved path (…/node_modules/kafkajs/…) and an unresolved bare module name. */
const FRAMEWORKS = '(^|node_modules/)(@nestjs/|@prisma/|kafkajs(/|$)|ioredis(/|$)|pg(/|$))';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports neither other layers nor Nest, Prisma, Kafka, ioredis or pg.',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: '^services/[^/]+/src/(application|infrastructure|interface)/' },
    },
    {
      name: 'domain-no-frameworks',
      severity: 'error',
      comment: 'type-only imports included: the domain does not know the frameworks at all.',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'application-no-adapters',
      severity: 'error',
      comment: 'use cases talk to ports; adapters live in infrastructure and interface.',
      from: { path: '^services/[^/]+/src/application/' },
      to: { path: '^services/[^/]+/src/(infrastructure|interface)/' },
    },
    {
      name: 'libs-never-import-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-cross-service-imports',
      severity: 'error',
      comment: 'services talk only through Kafka events.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['cjs', 'es6'],
  },
};
