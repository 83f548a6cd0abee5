import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { maskIdNumber, maskPhone, validateResidentIdNumber } from '@formwork/definitions';
import type { Caller } from '../access/Caller.js';
import { recordAllByCaller, recordByCaller, recordDenial } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { guardPersonalData } from '../audit/personalDataGuard.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import {
  nameLookupCandidates,
  nameMatches,
  openName,
  sealName,
  shownName,
  type NameSearchBy,
  type ShownName,
} from './residentName.js';
import { healthRecordNumber, recordDivision, reserveSerials } from './residentNumbers.js';

export interface SubjectMeta {
  requestId: string;
  ip: string | undefined;
}

interface Row {
  id: string;
  /** In clear only on a row an earlier version wrote, until the start step seals it. */
  name: string | null;
  name_enc: string | null;
  name_lookup: string[];
  sex: string;
  birth_date: string | Date;
  id_number_enc: string;
  phone_enc: string | null;
  org_code: string;
  org_path: string;
  row_version: number;
  health_record_number: string | null;
  name_initials: string | null;
}

/** How residents are searched: exactly one criterion per search. */
export type SubjectSearch =
  | { by: 'idNumber'; value: string }
  | { by: 'name'; value: string }
  | { by: 'initials'; value: string }
  | { by: 'healthRecordNumber'; value: string };

/** The most residents one search answers with. */
export const SEARCH_LIMIT = 20;

/** Encryption contexts of the subjects columns (a ciphertext moved to another column fails). */
export const ID_NUMBER_CONTEXT = 'subjects.id_number';
export const PHONE_CONTEXT = 'subjects.phone';
/** Purpose of the keyed hash the ID number is found by. */
export const ID_LOOKUP_PURPOSE = 'resident-id';

const isoDate = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/**
 * Residents: their name, ID and phone numbers are stored only encrypted; the ID number is found
 * through a keyed hash, the name by prefix (of itself or its pinyin initials) through a blind
 * index of keyed hashes (`residentName.ts`). ID and phone are shown masked unless the caller
 * holds personal-data.read in the resident's scope (and that view is audited); the name is shown
 * to whoever may see the record. Every view of a resident's record is audited.
 */
export class SubjectService {
  constructor(
    private readonly deps: {
      database: Database;
      orgs: OrgUnitStore;
      audit: AuditTrail;
      cipher: PersonalDataCipher;
      clock: Clock;
    },
  ) {}

  private view(row: Row, reveal: boolean) {
    const idNumber = this.deps.cipher.decrypt(row.id_number_enc, ID_NUMBER_CONTEXT);
    const phone = row.phone_enc ? this.deps.cipher.decrypt(row.phone_enc, PHONE_CONTEXT) : null;
    return {
      id: row.id,
      name: openName(this.deps.cipher, row),
      sex: row.sex,
      birthDate: isoDate(row.birth_date),
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
      phone: phone === null ? null : reveal ? phone : maskPhone(phone),
      masked: !reveal,
      orgCode: row.org_code,
      healthRecordNumber: row.health_record_number,
      rowVersion: row.row_version,
    };
  }

  async create(
    input: {
      name: string;
      idNumber: string;
      phone?: string | undefined;
      orgCode: string;
      /** 居民健康档案编号 (17 digits); generated from the institution's division when absent. */
      healthRecordNumber?: string | undefined;
    },
    caller: Caller,
    scope: Scope,
    meta: SubjectMeta,
  ) {
    // A birth date in the ID number is checked against today on the clinic's wall (CST).
    const today = ruleClock(this.deps.clock).today();
    const id = validateResidentIdNumber(input.idNumber, today);
    if (!id.ok) {
      throw new HttpError(
        422,
        'validation_failed',
        '身份证号码无效 / The resident ID number is invalid',
        {
          errors: [{ path: '/idNumber', keyword: id.code, message: id.message }],
        },
      );
    }
    const org = await this.deps.orgs.get(input.orgCode);
    if (!org)
      throw new HttpError(422, 'unknown_org_unit', `机构代码不存在 / No org unit ${input.orgCode}`);
    if (!scope.covers(org.path)) {
      await recordDenial(this.deps.audit, caller, meta, {
        reason: 'org-out-of-scope',
        orgCode: org.code,
      });
      throw new HttpError(
        403,
        'out_of_scope',
        `机构 ${org.code} 不在您的管辖范围内 / Org unit ${org.code} is outside your scope`,
      );
    }
    const { cipher } = this.deps;
    const { sequelize } = this.deps.database;
    const hashes = cipher.lookupHashCandidates(id.normalized, ID_LOOKUP_PURPOSE);
    const subjectId = randomUUID();
    const division = recordDivision(org.path);
    const name = sealName(cipher, input.name);
    return this.deps.database.transaction(async (transaction) => {
      const registered = async () => {
        const [found] = await sequelize.query(
          'SELECT 1 FROM subjects WHERE id_number_hash = ANY($1::text[])',
          { bind: [hashes], transaction },
        );
        return (found as unknown[]).length > 0;
      };
      // Any key of the keyring: a resident registered before a key rotation is still found.
      if (await registered()) throw alreadyRegistered();
      for (let attempt = 1; ; attempt++) {
        const number =
          input.healthRecordNumber ??
          healthRecordNumber(
            division,
            (await reserveSerials(sequelize, new Map([[division, 1]]), transaction)).get(division)!,
          );
        const [rows] = await sequelize.query(
          `INSERT INTO subjects (id, name_enc, sex, birth_date, id_number_enc, id_number_hash,
             phone_enc, org_code, org_path, created_at, created_by, health_record_number,
             name_lookup)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[])
           ON CONFLICT DO NOTHING
           RETURNING *`,
          {
            bind: [
              subjectId,
              name.nameEnc,
              id.sex,
              id.birthDate,
              cipher.encrypt(id.normalized, ID_NUMBER_CONTEXT),
              hashes[0],
              input.phone ? cipher.encrypt(input.phone, PHONE_CONTEXT) : null,
              org.code,
              org.path,
              this.deps.clock.now(),
              caller.user.id,
              number,
              name.nameLookup,
            ],
            transaction,
          },
        );
        const row = (rows as Row[])[0];
        if (row) {
          await this.audit('subject.create', caller, meta, row.id, {}, transaction);
          return this.view(row, false);
        }
        if (await registered()) throw alreadyRegistered();
        if (input.healthRecordNumber) {
          throw new HttpError(
            409,
            'health_record_number_taken',
            '该健康档案编号已被使用 / This health record number is already in use',
          );
        }
        // A generated number was given by hand before: take the next one.
        if (attempt >= 50) throw new Error(`no free health record number in ${division}`);
      }
    });
  }

  /**
   * Changes a resident's name, phone or institution when `expectedRowVersion` (If-Match) is the
   * stored one. Moving to another institution needs it inside the caller's scope; the health
   * record number stays. The audit row names the changed fields, never their values.
   */
  async update(
    id: string,
    expectedRowVersion: number | undefined,
    changes: {
      name?: string | undefined;
      phone?: string | null | undefined;
      orgCode?: string | undefined;
    },
    caller: Caller,
    scope: Scope,
    meta: SubjectMeta,
  ) {
    const before = await this.row(id);
    if (!before || !scope.covers(before.org_path)) return this.outside(id, caller, meta);
    requireRowVersion(expectedRowVersion);
    let org: { code: string; path: string } | undefined;
    if (changes.orgCode !== undefined && changes.orgCode !== before.org_code) {
      org = await this.deps.orgs.get(changes.orgCode);
      if (!org)
        throw new HttpError(
          422,
          'unknown_org_unit',
          `机构代码不存在 / No org unit ${changes.orgCode}`,
        );
      if (!scope.covers(org.path)) {
        await recordDenial(
          this.deps.audit,
          caller,
          meta,
          { reason: 'org-out-of-scope', orgCode: org.code },
          { targetType: 'subject', targetId: id, subjectId: id },
        );
        throw new HttpError(
          403,
          'out_of_scope',
          `机构 ${org.code} 不在您的管辖范围内 / Org unit ${org.code} is outside your scope`,
        );
      }
    }
    const { cipher } = this.deps;
    const { sequelize } = this.deps.database;
    return this.deps.database.transaction(async (transaction) => {
      const [locked] = await sequelize.query('SELECT * FROM subjects WHERE id = $1 FOR UPDATE', {
        bind: [id],
        transaction,
      });
      const row = (locked as Row[])[0]!;
      if (row.row_version !== expectedRowVersion)
        throw staleRowVersion(row.row_version, expectedRowVersion!);
      const phone = row.phone_enc ? cipher.decrypt(row.phone_enc, PHONE_CONTEXT) : null;
      const current = openName(cipher, row);
      const fields: string[] = [];
      if (changes.name !== undefined && changes.name !== current) fields.push('name');
      if (changes.phone !== undefined && (changes.phone || null) !== phone) fields.push('phone');
      if (org && org.code !== row.org_code) fields.push('orgCode');
      if (!fields.length) {
        await this.audit('subject.view', caller, meta, id, { via: 'update' }, transaction);
        return this.view(row, false);
      }
      // A new name is sealed anew; so is a name an earlier version left in clear.
      const name =
        fields.includes('name') || !row.name_enc
          ? sealName(cipher, fields.includes('name') ? changes.name! : current)
          : { nameEnc: row.name_enc, nameLookup: row.name_lookup };
      const [rows] = await sequelize.query(
        `UPDATE subjects SET name = NULL, name_initials = NULL, name_enc = $3,
           name_lookup = $4::text[], phone_enc = $5, org_code = $6, org_path = $7,
           row_version = row_version + 1, updated_at = $8, updated_by = $9
         WHERE id = $1 AND row_version = $2
         RETURNING *`,
        {
          bind: [
            id,
            expectedRowVersion,
            name.nameEnc,
            name.nameLookup,
            fields.includes('phone')
              ? changes.phone
                ? cipher.encrypt(changes.phone, PHONE_CONTEXT)
                : null
              : row.phone_enc,
            org?.code ?? row.org_code,
            org?.path ?? row.org_path,
            this.deps.clock.now(),
            caller.user.id,
          ],
          transaction,
        },
      );
      const updated = (rows as Row[])[0]!;
      await this.audit('subject.update', caller, meta, id, { fields }, transaction);
      return this.view(updated, false);
    });
  }

  /**
   * One resident; `reveal` shows ID and phone unmasked when the caller may see them, and only
   * with the reason they are looked at, which the audit event keeps.
   */
  async get(
    id: string,
    reveal: false | { reason?: string | undefined },
    caller: Caller,
    scope: Scope,
    meta: SubjectMeta,
  ) {
    const row = await this.row(id);
    if (!row || !scope.covers(row.org_path)) return this.outside(id, caller, meta);
    const mayReveal =
      reveal !== false && (caller.scope('personal-data.read')?.covers(row.org_path) ?? false);
    if (reveal !== false && !mayReveal) {
      await recordDenial(
        this.deps.audit,
        caller,
        meta,
        { reason: 'personal-data.read' },
        { targetType: 'subject', targetId: id, subjectId: id },
      );
      throw new HttpError(
        403,
        'forbidden',
        '没有查看个人敏感信息的权限 / You may not see personal data unmasked',
      );
    }
    const reason = reveal === false ? undefined : reveal.reason?.trim();
    if (mayReveal && !reason) {
      throw new HttpError(
        400,
        'reason_required',
        '请说明查看完整信息的原因 / Give the reason for seeing the personal data unmasked',
      );
    }
    await this.audit(
      mayReveal ? 'subject.view-personal-data' : 'subject.view',
      caller,
      meta,
      id,
      // A reason typed with an ID or phone number in it is kept with the number redacted.
      mayReveal ? { reason: guardPersonalData(reason, 'redact') } : {},
    );
    return this.view(row, mayReveal);
  }

  /** Finds a resident by ID number through its keyed hash, inside the caller's scope. */
  findByIdNumber(idNumber: string, caller: Caller, scope: Scope, meta: SubjectMeta) {
    return this.search({ by: 'idNumber', value: idNumber }, SEARCH_LIMIT, caller, scope, meta);
  }

  /**
   * Residents inside the caller's scope found by ID number (exact, through its keyed hash), name
   * (prefix), pinyin initials (prefix, any case) or health record number (exact); at most
   * `limit` (≤ 20), the earliest registered ones (by name or initials: shown in name order).
   * Every resident returned is audited as viewed.
   */
  async search(
    criterion: SubjectSearch,
    limit: number,
    caller: Caller,
    scope: Scope,
    meta: SubjectMeta,
  ) {
    const value = criterion.value.trim();
    const max = Math.min(Math.max(limit, 1), SEARCH_LIMIT);
    let rows: Row[];
    if (criterion.by === 'name' || criterion.by === 'initials') {
      rows = await this.searchByName(criterion.by, value, max, scope);
    } else {
      const [where, bound] =
        criterion.by === 'idNumber'
          ? [
              'id_number_hash = ANY($1::text[])',
              this.deps.cipher.lookupHashCandidates(value.toUpperCase(), ID_LOOKUP_PURPOSE),
            ]
          : ['health_record_number = $1', value];
      const [found] = await this.deps.database.sequelize.query(
        `SELECT * FROM subjects WHERE ${where} AND org_path LIKE ANY($2::text[])
         ORDER BY created_at, id LIMIT $3`,
        { bind: [bound, scope.likePatterns(), max] },
      );
      rows = found as Row[];
    }
    const found = rows.map((row) => this.view(row, false));
    const via = criterion.by === 'idNumber' ? 'id-number-lookup' : 'search';
    for (const subject of found)
      await this.audit('subject.view', caller, meta, subject.id, { via });
    return found;
  }

  /**
   * Name and initials searches: the blind index gives the candidates (the first
   * NAME_PREFIX_CAP characters, under every key of the keyring), earliest registered first; each
   * is decrypted and kept if its name (or initials) starts with the whole text searched. A page
   * further is read only when some candidates were set aside (a text longer than the cap).
   * The residents kept are sorted by name, then id.
   */
  private async searchByName(by: NameSearchBy, value: string, limit: number, scope: Scope) {
    const { cipher, database } = this.deps;
    const lookup = nameLookupCandidates(cipher, by, value);
    const kept: { row: Row; name: string }[] = [];
    for (let offset = 0; kept.length < limit; offset += limit) {
      const [page] = await database.sequelize.query(
        `SELECT * FROM subjects WHERE name_lookup && $1::text[] AND org_path LIKE ANY($2::text[])
         ORDER BY created_at, id LIMIT $3 OFFSET $4`,
        { bind: [lookup, scope.likePatterns(), limit, offset] },
      );
      for (const row of page as Row[]) {
        const name = openName(cipher, row);
        if (kept.length < limit && nameMatches(name, by, value)) kept.push({ row, name });
      }
      if ((page as Row[]).length < limit) break;
    }
    return kept
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.row.id < b.row.id ? -1 : 1))
      .map(({ row }) => row);
  }

  /** Who opened this resident's record, and when: the resident's question, answered from the audit trail. */
  async accessLog(id: string, caller: Caller, scope: Scope, meta: SubjectMeta) {
    const row = await this.row(id);
    if (!row || !scope.covers(row.org_path)) return this.outside(id, caller, meta);
    const events = await this.deps.audit.listForSubject(id, { limit: 500 });
    await this.audit('subject.view', caller, meta, id, { via: 'access-log' });
    return events;
  }

  /**
   * The names of the residents a list names (e.g. the task inbox), read at once: in clear where
   * the caller may read the resident's record (records.read over their institution, decided in
   * the query), else masked (`shownName`). Each resident named in clear is audited as viewed,
   * once, as the worklist's residents are (`via` says which list). Unknown ids are left out.
   */
  async names(
    subjectIds: readonly string[],
    caller: Caller,
    meta: SubjectMeta,
    via: string,
  ): Promise<Map<string, ShownName>> {
    const ids = [...new Set(subjectIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!ids.length) return new Map();
    const readable = caller.scope('records.read')?.likePatterns() ?? [];
    const rows = await this.deps.database.sequelize.query<
      Pick<Row, 'id' | 'name' | 'name_enc'> & { readable: boolean }
    >(
      `SELECT id, name, name_enc, org_path LIKE ANY($2::text[]) AS readable
       FROM subjects WHERE id = ANY($1::uuid[])`,
      { bind: [ids, readable], type: QueryTypes.SELECT },
    );
    const names = new Map(
      rows.map((row) => [row.id, shownName(this.deps.cipher, row, row.readable)] as const),
    );
    await recordAllByCaller(
      this.deps.audit,
      caller,
      meta,
      ids
        .filter((id) => names.get(id)?.masked === false)
        .map((id) => ({
          action: 'subject.view' as const,
          targetType: 'subject',
          targetId: id,
          subjectId: id,
          details: { via },
        })),
    );
    return names;
  }

  private async row(id: string): Promise<Row | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [rows] = await this.deps.database.sequelize.query(
      'SELECT * FROM subjects WHERE id = $1',
      {
        bind: [id],
      },
    );
    return (rows as Row[])[0];
  }

  private async outside(id: string, caller: Caller, meta: SubjectMeta): Promise<never> {
    await recordDenial(
      this.deps.audit,
      caller,
      meta,
      { reason: 'not-found-or-out-of-scope' },
      { targetType: 'subject', targetId: id },
    );
    throw new HttpError(404, 'not_found', '居民档案不存在 / No such resident');
  }

  private audit(
    action: AuditAction,
    caller: Caller,
    meta: SubjectMeta,
    subjectId: string | null,
    details: AuditDetails,
    transaction?: Parameters<AuditTrail['record']>[1],
  ) {
    const event = { action, targetType: 'subject', targetId: subjectId, subjectId, details };
    return recordByCaller(this.deps.audit, caller, meta, event, transaction);
  }
}

function alreadyRegistered() {
  return new HttpError(
    409,
    'already_registered',
    '该身份证号码已建档 / A resident with this ID number is already registered',
  );
}
