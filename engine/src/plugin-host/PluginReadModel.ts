import { QueryTypes } from 'sequelize';
import type { Database } from '../database/Database.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import type { OrgLevel } from '../access/roles.js';
import type {
  FormFieldFacts,
  ReadModel,
  ReadModelEnrollment,
  ReadModelOrgUnit,
  ReadModelQuery,
  ReadModelRelease,
  ReadModelSubject,
  ReadModelSubmission,
} from './pluginApi.js';

/** The most rows one read returns. */
export const READ_MODEL_MAX_LIMIT = 10_000;

const pathCodes = (orgPath: string) => orgPath.split('/').filter(Boolean);

/** `WHERE` and bind values of a read: by ids, or a page after an id. */
function selection(query: ReadModelQuery): { where: string; bind: unknown[] } {
  if ('ids' in query) {
    if (query.ids.length > READ_MODEL_MAX_LIMIT)
      throw new Error(`at most ${READ_MODEL_MAX_LIMIT} ids per read`);
    return { where: 'id = ANY($1::uuid[])', bind: [[...query.ids]] };
  }
  const limit = Math.trunc(query.limit);
  if (!(limit >= 1 && limit <= READ_MODEL_MAX_LIMIT))
    throw new Error(`limit must be 1 to ${READ_MODEL_MAX_LIMIT}`);
  return {
    where: 'id > $1::uuid ORDER BY id LIMIT $2',
    bind: [query.after ?? '00000000-0000-0000-0000-000000000000', limit],
  };
}

/**
 * What `api.readModel` reads for a plugin: residents' and enrollments' reporting facts (never a
 * name, ID number, phone or other personal value), org paths and forms' fields. Read-only, no
 * access check (the plugin's routes make theirs).
 */
export class PluginReadModel implements ReadModel {
  constructor(private readonly deps: { database: Database; catalog: ReleaseCatalog }) {}

  #query<T extends object>(sql: string, bind: unknown[]): Promise<T[]> {
    const { database } = this.deps;
    return database.transaction((transaction) =>
      database.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction }),
    );
  }

  async enrollments(query: ReadModelQuery): Promise<ReadModelEnrollment[]> {
    const { where, bind } = selection(query);
    const rows = await this.#query<{
      id: string;
      subject_id: string;
      program: string;
      enrolled_on: string;
      ended_on: string | null;
      org_code: string;
      org_path: string;
      responsible_user_id: string | null;
      row_version: number;
    }>(
      `SELECT id, subject_id, program, to_char(enrolled_on, 'YYYY-MM-DD') AS enrolled_on,
         to_char(ended_on, 'YYYY-MM-DD') AS ended_on, org_code, org_path,
         responsible_user_id, row_version FROM enrollments WHERE ${where}`,
      bind,
    );
    return rows.map((r) => ({
      id: r.id,
      subjectId: r.subject_id,
      program: r.program,
      enrolledOn: r.enrolled_on,
      endedOn: r.ended_on,
      orgCode: r.org_code,
      orgPath: pathCodes(r.org_path),
      responsibleUserId: r.responsible_user_id,
      version: r.row_version,
    }));
  }

  async subjects(query: ReadModelQuery): Promise<ReadModelSubject[]> {
    const { where, bind } = selection(query);
    const rows = await this.#query<{
      id: string;
      birth_date: string;
      sex: string;
      org_code: string;
      org_path: string;
      row_version: number;
    }>(
      `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, org_code, org_path, row_version FROM subjects WHERE ${where}`,
      bind,
    );
    return rows.map((r) => ({
      id: r.id,
      birthDate: r.birth_date,
      sex: r.sex,
      orgCode: r.org_code,
      orgPath: pathCodes(r.org_path),
      version: r.row_version,
    }));
  }

  async orgPaths(codes: readonly string[]): Promise<Record<string, string[]>> {
    if (!codes.length) return {};
    const rows = await this.#query<{ code: string; path: string }>(
      `SELECT DISTINCT ON (code) code, path FROM org_units WHERE code = ANY($1::text[])
       ORDER BY code, year DESC`,
      [[...new Set(codes)]],
    );
    return Object.fromEntries(rows.map((r) => [r.code, pathCodes(r.path)]));
  }

  formFields(releaseId: string, formKey: string): FormFieldFacts[] | undefined {
    const release = this.deps.catalog.get(releaseId);
    const form = release && this.deps.catalog.form(release, formKey);
    return form?.compiled.fields.map((f) => ({
      path: f.path,
      ...(f.dataElement ? { dataElement: f.dataElement } : {}),
      personal: f.sensitive !== undefined,
    }));
  }

  async releaseFor(orgCode: string): Promise<ReadModelRelease | undefined> {
    const [unit] = await this.orgUnits({ codes: [orgCode] });
    if (!unit) return undefined;
    const release = this.deps.catalog.forOrgPath(`/${unit.path.join('/')}/`);
    const { spec } = release;
    return {
      id: release.id,
      jurisdiction: release.jurisdiction,
      indicators: release.usage?.indicators ?? spec.indicators ?? {},
      parameters: Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p.value])),
      programmes: release.programmes.map((p) => ({ id: p.id, title: p.title })),
    };
  }

  async orgUnits(
    query: { codes: readonly string[] } | { parentCode: string },
  ): Promise<ReadModelOrgUnit[]> {
    const [where, bind] =
      'codes' in query
        ? ['code = ANY($1::text[])', [[...new Set(query.codes)].slice(0, READ_MODEL_MAX_LIMIT)]]
        : ['parent_code = $1', [query.parentCode]];
    const rows = await this.#query<{
      code: string;
      name: string;
      name_en: string;
      level: OrgLevel;
      kind: 'division' | 'institution';
      parent_code: string | null;
      path: string;
    }>(
      `SELECT code, name, name_en, level, kind, parent_code, path FROM org_units
       WHERE year = (SELECT max(year) FROM org_units) AND ${where} ORDER BY code`,
      bind,
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      level: r.level,
      kind: r.kind,
      parentCode: r.parent_code,
      path: pathCodes(r.path),
    }));
  }

  async submissions(query: { after?: string; limit: number }): Promise<ReadModelSubmission[]> {
    const { where, bind } = selection({
      limit: query.limit,
      ...(query.after ? { after: query.after } : {}),
    });
    const rows = await this.#query<{
      id: string;
      subject_id: string;
      enrollment_id: string | null;
      form_key: string;
      form_version: string;
      release_id: string;
      org_code: string;
      revision: number;
      updated_by: string;
      updated_at: Date | string;
      payload: Record<string, unknown>;
    }>(
      `SELECT id, subject_id, enrollment_id, form_key, form_version, release_id, org_code,
         revision, updated_by, updated_at, payload FROM submissions WHERE ${where}`,
      bind,
    );
    return rows.map((r) => ({
      submissionId: r.id,
      subjectId: r.subject_id,
      enrollmentId: r.enrollment_id,
      formKey: r.form_key,
      formVersion: r.form_version,
      releaseId: r.release_id,
      orgCode: r.org_code,
      revision: r.revision,
      authorId: r.updated_by,
      at: new Date(r.updated_at).toISOString(),
      data: r.payload,
    }));
  }

  async submissionCount(): Promise<number> {
    const [row] = await this.#query<{ n: string | number }>(
      'SELECT count(*) AS n FROM submissions',
      [],
    );
    return Number(row?.n ?? 0);
  }
}
