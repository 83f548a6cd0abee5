import { randomUUID } from 'node:crypto';
import { maskIdNumber, maskPhone, validateResidentIdNumber } from '@formwork/definitions';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';

export interface SubjectMeta {
  requestId: string;
  ip: string | undefined;
}

interface Row {
  id: string;
  name: string;
  sex: string;
  birth_date: string | Date;
  id_number_enc: string;
  phone_enc: string | null;
  org_code: string;
  org_path: string;
  row_version: number;
}

/** Encryption contexts of the subjects columns (a ciphertext moved to another column fails). */
export const ID_NUMBER_CONTEXT = 'subjects.id_number';
export const PHONE_CONTEXT = 'subjects.phone';
/** Purpose of the keyed hash the ID number is found by. */
export const ID_LOOKUP_PURPOSE = 'resident-id';

const isoDate = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/**
 * Residents: their ID and phone numbers are stored only encrypted, found through a keyed hash,
 * shown masked unless the caller holds personal-data.read in the resident's scope (and that
 * view is audited). Every view of a resident's record is audited.
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
      name: row.name,
      sex: row.sex,
      birthDate: isoDate(row.birth_date),
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
      phone: phone === null ? null : reveal ? phone : maskPhone(phone),
      masked: !reveal,
      orgCode: row.org_code,
      rowVersion: row.row_version,
    };
  }

  async create(
    input: { name: string; idNumber: string; phone?: string | undefined; orgCode: string },
    caller: Caller,
    scope: Scope,
    meta: SubjectMeta,
  ) {
    const today = this.deps.clock.now().toISOString().slice(0, 10);
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
    const subjectId = randomUUID();
    return this.deps.database.transaction(async (transaction) => {
      const [rows] = await this.deps.database.sequelize.query(
        `INSERT INTO subjects (id, name, sex, birth_date, id_number_enc, id_number_hash, phone_enc,
           org_code, org_path, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id_number_hash) DO NOTHING
         RETURNING *`,
        {
          bind: [
            subjectId,
            input.name,
            id.sex,
            id.birthDate,
            cipher.encrypt(id.normalized, ID_NUMBER_CONTEXT),
            cipher.lookupHash(id.normalized, ID_LOOKUP_PURPOSE),
            input.phone ? cipher.encrypt(input.phone, PHONE_CONTEXT) : null,
            org.code,
            org.path,
            this.deps.clock.now(),
            caller.user.id,
          ],
          transaction,
        },
      );
      const row = (rows as Row[])[0];
      if (!row) {
        throw new HttpError(
          409,
          'already_registered',
          '该身份证号码已建档 / A resident with this ID number is already registered',
        );
      }
      await this.audit('subject.create', caller, meta, row.id, {}, transaction);
      return this.view(row, false);
    });
  }

  /** One resident; `reveal` shows ID and phone unmasked when the caller may see them. */
  async get(id: string, reveal: boolean, caller: Caller, scope: Scope, meta: SubjectMeta) {
    const row = await this.row(id);
    if (!row || !scope.covers(row.org_path)) return this.outside(id, caller, meta);
    const mayReveal = reveal && (caller.scope('personal-data.read')?.covers(row.org_path) ?? false);
    if (reveal && !mayReveal) {
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
    await this.audit(
      mayReveal ? 'subject.view-personal-data' : 'subject.view',
      caller,
      meta,
      id,
      {},
    );
    return this.view(row, mayReveal);
  }

  /** Finds a resident by ID number through its keyed hash, inside the caller's scope. */
  async findByIdNumber(idNumber: string, caller: Caller, scope: Scope, meta: SubjectMeta) {
    const normalized = idNumber.trim().toUpperCase();
    const [rows] = await this.deps.database.sequelize.query(
      'SELECT * FROM subjects WHERE id_number_hash = ANY($1::text[]) AND org_path LIKE ANY($2::text[])',
      {
        bind: [
          this.deps.cipher.lookupHashCandidates(normalized, ID_LOOKUP_PURPOSE),
          scope.likePatterns(),
        ],
      },
    );
    const found = (rows as Row[]).map((row) => this.view(row, false));
    for (const subject of found)
      await this.audit('subject.view', caller, meta, subject.id, { via: 'id-number-lookup' });
    return found;
  }

  /** Who opened this resident's record, and when: the resident's question, answered from the audit trail. */
  async accessLog(id: string, caller: Caller, scope: Scope, meta: SubjectMeta) {
    const row = await this.row(id);
    if (!row || !scope.covers(row.org_path)) return this.outside(id, caller, meta);
    const events = await this.deps.audit.listForSubject(id, { limit: 500 });
    await this.audit('subject.view', caller, meta, id, { via: 'access-log' });
    return events;
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
