import {
  annotateImpact,
  diffSpecs,
  type ImpactedChange,
  type SpecDiff,
} from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { Release } from './Release.js';
import type { ReleaseCatalog } from './ReleaseCatalog.js';

export interface ReleaseDiff extends Omit<SpecDiff, 'forms'> {
  from: string;
  to: string;
  forms: Omit<SpecDiff['forms'], 'changes'> & {
    /** Each form's changes, with what uses the field and how many stored submissions it touches. */
    changes: Record<string, ImpactedChange[]>;
    /** Stored submissions pinned to the `from` release, by form. */
    submissions: Record<string, number>;
  };
}

/** A JSON pointer as a text[] path for `#>`, or undefined inside arrays (`/-/`). */
function pathArray(pointer: string): string[] | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.includes('-') || !segments.length ? undefined : segments;
}

/**
 * The semantic diff between two releases (any two: versions of one jurisdiction, or across),
 * optionally of one form. An id not released (`spec@version` or `spec@version+overlay@version`
 * of stored versions, drafts included) is compiled on the fly when `unreleased` is given: every form change classified by diffForms and annotated with the
 * rules, schedules, indicators, workflows and triggers of the `from` release that use the field, and the
 * count of stored submissions pinned to `from` that it touches (`payload #> path IS NOT NULL`
 * per field; fields inside arrays count none).
 */
export async function diffReleases(
  database: Database,
  catalog: ReleaseCatalog,
  fromId: string,
  toId: string,
  formKey?: string,
  /** Compiles a stored version pair not (yet) released, e.g. a draft; undefined when none. */
  unreleased?: (id: string) => Promise<Release | undefined>,
): Promise<ReleaseDiff> {
  const release = async (id: string): Promise<Release> => {
    const found = catalog.get(id) ?? (await unreleased?.(id));
    if (!found) throw HttpError.notFound(`发布版本不存在 / No such release ${id}`);
    return found;
  };
  const from = await release(fromId);
  const to = await release(toId);
  if (
    formKey !== undefined &&
    !Object.hasOwn(from.spec.forms, formKey) &&
    !Object.hasOwn(to.spec.forms, formKey)
  ) {
    throw HttpError.notFound(
      `两个发布版本中都没有表单 ${formKey} / Neither release has form ${formKey}`,
    );
  }
  const diff = diffSpecs(from.spec, to.spec);
  const only = (keys: string[]) =>
    formKey === undefined ? keys : keys.filter((k) => k === formKey);
  const usageSpec = {
    forms: from.spec.forms,
    workflows: from.spec.workflows,
    schedules: from.usage?.schedules ?? {},
    indicators: from.usage?.indicators ?? {},
    triggers: from.spec.triggers ?? {},
  };
  const changes: Record<string, ImpactedChange[]> = {};
  const submissions: Record<string, number> = {};
  for (const key of only(Object.keys(diff.forms.changes))) {
    const list = diff.forms.changes[key]!;
    const paths = [
      ...new Set(
        list
          .map((c) => (c.kind === 'field-renamed' && c.from ? c.from : c.path))
          .filter((p) => pathArray(p)),
      ),
    ];
    const bind: unknown[] = [from.id, key];
    const columns = paths.map((p, i) => {
      bind.push(pathArray(p));
      return `count(*) FILTER (WHERE payload #> $${bind.length}::text[] IS NOT NULL)::int AS c${i}`;
    });
    const [counts] = await database.sequelize.query<Record<string, number>>(
      `SELECT count(*)::int AS total${columns.map((c) => `, ${c}`).join('')}
       FROM submissions WHERE release_id = $1 AND form_key = $2`,
      { bind, type: QueryTypes.SELECT },
    );
    const withValue = Object.fromEntries(paths.map((p, i) => [p, counts![`c${i}`] ?? 0]));
    submissions[key] = counts!.total ?? 0;
    changes[key] = annotateImpact(list, usageSpec, key, { total: submissions[key], withValue });
  }
  return {
    from: from.id,
    to: to.id,
    ...diff,
    forms: {
      added: only(diff.forms.added),
      removed: only(diff.forms.removed),
      changed: only(diff.forms.changed),
      changes,
      submissions,
    },
  };
}
