import codeTable from './code-table.schema.json' with { type: 'json' };
import formDefinition from './form-definition.schema.json' with { type: 'json' };
import indicator from './indicator.schema.json' with { type: 'json' };
import migrationPlan from './migration-plan.schema.json' with { type: 'json' };
import overlay from './overlay.schema.json' with { type: 'json' };
import parameterSet from './parameter-set.schema.json' with { type: 'json' };
import pluginManifest from './plugin-manifest.schema.json' with { type: 'json' };
import program from './program.schema.json' with { type: 'json' };
import releaseManifest from './release-manifest.schema.json' with { type: 'json' };
import schedule from './schedule.schema.json' with { type: 'json' };
import trigger from './trigger.schema.json' with { type: 'json' };

/**
 * The meta-schemas (JSON Schema 2020-12) of everything Formwork stores as metadata. The
 * TypeScript types in ../types/generated.ts are generated from them (npm run generate:types).
 */
export const metaSchemas = {
  'form-definition': formDefinition,
  'code-table': codeTable,
  schedule,
  trigger,
  indicator,
  program,
  'parameter-set': parameterSet,
  overlay,
  'release-manifest': releaseManifest,
  'plugin-manifest': pluginManifest,
  'migration-plan': migrationPlan,
} as const;

export type MetadataKind = keyof typeof metaSchemas;
export const metadataKinds = Object.keys(metaSchemas) as MetadataKind[];
