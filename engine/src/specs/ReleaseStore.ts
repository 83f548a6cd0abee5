/**
 * Releases in PostgreSQL: list, read and publish them (the manifest hashed, and signed when a
 * signer is registered), every stored release compiled for the catalog, and stored versions
 * compiled as a release would be (what the diff reads for ids that name no release).
 *
 * Publishing needs both pinned versions published and the caller's scope over them (else an
 * audited 404), and every form of the release to compile (else 422 `form_invalid`, nothing
 * stored; the forms compiled here are the ones the catalog then serves); it is one transaction:
 * the release row (now the jurisdiction's current one), a `spec_transitions` row and an audit
 * event. Releases can never change (migration 0008's triggers).
 *
 * A release stored before that check whose forms do not compile is not served as current: on
 * loading the catalog it is logged as an error and the newest earlier release of its
 * jurisdiction that compiles serves instead (the stored one only when none does, so its sound
 * forms still serve); its broken forms answer 409 `form_broken`. A release whose overlay no
 * longer applies is logged and left out of the catalog.
 */
import type { Overlay } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import type { RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { canonicalJson, type JsonValue } from '../audit/canonicalJson.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { Logger } from '../logging/createLogger.js';
import type { DocumentSignature, SignatureVerification } from '../signing/DocumentSigner.js';
import { signerUnavailable, type SignerSlot } from '../signing/SignerSlot.js';
import { formsInvalid } from './formChecks.js';
import type { Release } from './Release.js';
import type { ReleaseCatalog } from './ReleaseCatalog.js';
import {
  compileRelease,
  contentHash,
  OverlayProblems,
  releaseManifest,
  type SpecContent,
} from './specContent.js';
import {
  notFound,
  overlayRejected,
  releaseView,
  type ReleaseRow,
  type VersionRow,
} from './specViews.js';
import { VersionRows } from './VersionRows.js';

export class ReleaseStore {
  readonly #compiled = new Map<string, Release>();
  readonly #reported = new Set<string>();
  private readonly rows: VersionRows;

  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
      clock: Clock;
      catalog: ReleaseCatalog;
      /** The DocumentSigner a plugin registered, if any: it signs each manifest. */
      signing?: SignerSlot;
      /** Where a stored release that cannot be served is reported. */
      logger?: Logger;
    },
  ) {
    this.rows = new VersionRows(deps);
  }

  private get sequelize() {
    return this.deps.database.sequelize;
  }

  // ---- reads ----

  async listReleases() {
    const rows = await this.sequelize.query<ReleaseRow>(
      'SELECT * FROM releases ORDER BY jurisdiction, published_at, id',
      { type: QueryTypes.SELECT },
    );
    return rows.map((row) => this.#view(row));
  }

  /**
   * A release as answered: `current` as the catalog serves it (which differs from the stored flag
   * when the stored current release does not compile), and the `problems` of one that does not.
   */
  #view(row: ReleaseRow) {
    const { catalog } = this.deps;
    const serving = catalog.currentOf(row.jurisdiction);
    const problems = catalog.problemsOf(row.id);
    return {
      ...releaseView({ ...row, current: serving ? serving.id === row.id : row.current }),
      ...(problems?.length ? { problems } : {}),
    };
  }

  async getRelease(id: string) {
    const [row] = await this.sequelize.query<ReleaseRow>('SELECT * FROM releases WHERE id = $1', {
      bind: [id],
      type: QueryTypes.SELECT,
    });
    if (!row) throw notFound('release', id);
    return { ...this.#view(row), manifest: row.manifest };
  }

  /**
   * The verification of a release's manifest signature: `unsigned` when it was published without
   * a signer; `invalid` when the stored manifest no longer hashes to its manifest hash; else the
   * signer's verdict over the stored manifest. 503 `signer_unavailable` when it is signed but no
   * signer is loaded.
   */
  async verifyRelease(id: string): Promise<SignatureVerification> {
    const [row] = await this.sequelize.query<ReleaseRow>(
      'SELECT manifest, manifest_hash, signature FROM releases WHERE id = $1',
      { bind: [id], type: QueryTypes.SELECT },
    );
    if (!row) throw notFound('release', id);
    if (!row.signature) {
      return {
        status: 'unsigned',
        message: {
          zh: '该发布版本发布时未加载签名插件，清单未签名',
          en: 'The release was published without a signing plugin: its manifest is not signed',
        },
      };
    }
    const signer = this.deps.signing?.signer;
    if (!signer) throw signerUnavailable();
    const signature = row.signature;
    const described = {
      signer: signature.signer,
      signedAt: signature.signedAt,
      algorithm: signature.algorithm,
    };
    if (contentHash(row.manifest) !== row.manifest_hash) {
      return {
        ...described,
        status: 'invalid',
        message: {
          zh: '发布清单在发布后被改动：内容与清单哈希不符',
          en: 'The release manifest was changed after publication: it does not match its manifest hash',
        },
      };
    }
    return {
      ...described,
      ...(await signer.verify(row.manifest as unknown as JsonValue, signature)),
    };
  }

  // ---- publishing ----

  /**
   * Publishes a release: a published base version, with a published overlay version of the
   * jurisdiction on top (or the base alone for its own jurisdiction), compiled, its manifest hashed
   * (and signed when a signer is registered), stored as the jurisdiction's current release.
   */
  async createRelease(
    input: {
      overlay?: { key: string; version: string } | undefined;
      base?: { spec: string; version: string } | undefined;
    },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    let overlayRow: VersionRow | undefined;
    let baseRef = input.base;
    if (input.overlay) {
      overlayRow = await this.rows.rowInScope(
        'overlay',
        input.overlay.key,
        input.overlay.version,
        caller,
        scope,
        request,
      );
      baseRef = { spec: overlayRow.base_spec!, version: overlayRow.base_version! };
    }
    if (!baseRef) {
      throw HttpError.badRequest(
        '请给出地方调整版本或基础规范版本 / Name an overlay version or a base spec version',
      );
    }
    const baseRow = overlayRow
      ? await this.rows.row('spec', baseRef.spec, baseRef.version)
      : await this.rows.rowInScope('spec', baseRef.spec, baseRef.version, caller, scope, request);
    if (!baseRow) throw notFound('spec', baseRef.spec, baseRef.version);
    for (const [kind, row] of [
      ['spec', baseRow],
      ['overlay', overlayRow],
    ] as const) {
      if (row && row.status !== 'published') {
        throw new HttpError(
          409,
          'not_published',
          `${row.key}@${row.version} 状态为 ${row.status}，只有已发布版本可组成发布 / ${kind} ${row.key}@${row.version} is ${row.status}: a release pins published versions only`,
        );
      }
    }
    const jurisdiction = overlayRow?.jurisdiction ?? baseRow.jurisdiction;
    let release: Release;
    try {
      release = await compileRelease(
        baseRow.content as SpecContent,
        jurisdiction,
        overlayRow?.content as Overlay | undefined,
      );
    } catch (err) {
      if (err instanceof OverlayProblems) throw overlayRejected(err.problems);
      throw err;
    }
    // Every form compiled as the runtime will (into the catalog, which serves them from now on).
    const problems = this.deps.catalog.verify(release);
    if (problems.length) throw formsInvalid(problems, release.id);
    const now = this.deps.clock.now();
    const manifest = releaseManifest(
      release,
      {
        base: baseRow.content_hash,
        ...(overlayRow ? { overlay: overlayRow.content_hash } : {}),
      },
      now,
    );
    const canonical = canonicalJson(manifest);
    const manifestHash = contentHash(manifest);
    // Signed before the transaction (a signing server may take its time): a failure stores nothing.
    const signing = this.deps.signing;
    const signature: DocumentSignature | null = signing?.signer
      ? await signing.sign(
          manifest as unknown as JsonValue,
          { kind: 'system', purpose: 'release' },
          { zh: `发布版本 ${release.id} 的清单`, en: `the manifest of release ${release.id}` },
        )
      : null;
    await this.deps.database.transaction(async (transaction) => {
      const [exists] = await this.sequelize.query('SELECT 1 FROM releases WHERE id = $1', {
        bind: [release.id],
        type: QueryTypes.SELECT,
        transaction,
      });
      if (exists) {
        throw new HttpError(
          409,
          'release_exists',
          `发布版本 ${release.id} 已存在 / Release ${release.id} already exists`,
        );
      }
      await this.sequelize.query(
        'UPDATE releases SET current = false WHERE jurisdiction = $1 AND current',
        { bind: [jurisdiction], transaction },
      );
      await this.sequelize.query(
        `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
           overlay_version, status, manifest, manifest_hash, signature, current, published_by,
           published_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'published', $7::jsonb, $8, $9::jsonb, true, $10, $11)`,
        {
          bind: [
            release.id,
            jurisdiction,
            release.base.spec,
            release.base.version,
            release.overlay?.key ?? null,
            release.overlay?.version ?? null,
            canonical,
            manifestHash,
            signature ? JSON.stringify(signature) : null,
            caller.user.id,
            now,
          ],
          transaction,
        },
      );
      await this.rows.recordStep(
        {
          kind: 'release',
          key: release.id,
          version: '-',
          action: 'publish',
          from: null,
          to: 'published',
        },
        {
          action: 'release.publish',
          targetType: 'release',
          targetId: release.id,
          details: { jurisdiction, manifestHash, signed: signature !== null },
        },
        { caller, request, at: now },
        transaction,
      );
    });
    this.#compiled.set(release.id, release);
    await this.reloadCatalog();
    return this.getRelease(release.id);
  }

  // ---- catalog ----

  /**
   * Every stored release compiled (cached: releases never change), and the one each jurisdiction
   * captures on: the stored current release when all its forms compile, else the newest earlier
   * one of the jurisdiction that does (logged as an error either way).
   */
  async loadReleases(): Promise<{ releases: Release[]; current: Record<string, string> }> {
    const rows = await this.sequelize.query<{
      id: string;
      jurisdiction: string;
      current: boolean;
      base: SpecContent;
      overlay: Overlay | null;
    }>(
      `SELECT r.id, r.jurisdiction, r.current, b.content AS base, o.content AS overlay
       FROM releases r
       JOIN spec_versions b ON b.spec = r.base_spec AND b.version = r.base_version
       LEFT JOIN overlay_versions o ON o.key = r.overlay_key AND o.version = r.overlay_version
       ORDER BY r.published_at, r.id`,
      { type: QueryTypes.SELECT },
    );
    const releases: Release[] = [];
    const stored: Record<string, string> = {};
    for (const row of rows) {
      if (row.current) stored[row.jurisdiction] = row.id;
      let release = this.#compiled.get(row.id);
      if (!release) {
        try {
          release = await compileRelease(row.base, row.jurisdiction, row.overlay ?? undefined);
        } catch (err) {
          if (!(err instanceof OverlayProblems)) throw err;
          this.#reportOnce(row.id, () =>
            this.deps.logger?.error(
              { release: row.id, jurisdiction: row.jurisdiction, problems: err.problems },
              'stored release left out: its overlay does not apply to its base',
            ),
          );
          continue;
        }
        this.#compiled.set(row.id, release);
      }
      releases.push(release);
    }
    const current: Record<string, string> = {};
    for (const [jurisdiction, id] of Object.entries(stored)) {
      const serving = this.#servable(
        releases.filter((r) => r.jurisdiction === jurisdiction),
        id,
      );
      if (serving) current[jurisdiction] = serving;
    }
    return { releases, current };
  }

  /**
   * The release a jurisdiction captures on: the stored current one (`id`) when every form
   * compiles, else the newest earlier one of `ofJurisdiction` (in publication order) that does;
   * the stored one when none does (undefined when it was left out of the catalog).
   */
  #servable(ofJurisdiction: Release[], id: string): string | undefined {
    const { catalog, logger } = this.deps;
    const at = ofJurisdiction.findIndex((r) => r.id === id);
    for (let i = at < 0 ? ofJurisdiction.length - 1 : at; i >= 0; i--) {
      const release = ofJurisdiction[i]!;
      const problems = catalog.verify(release);
      if (!problems.length) {
        if (release.id !== id) {
          this.#reportOnce(`${id}->${release.id}`, () =>
            logger?.error(
              { jurisdiction: release.jurisdiction, stored: id, serving: release.id },
              'the current release of a jurisdiction does not compile: an earlier one serves',
            ),
          );
        }
        return release.id;
      }
      this.#reportOnce(release.id, () =>
        logger?.error(
          { release: release.id, jurisdiction: release.jurisdiction, problems },
          'stored release has forms that do not compile: not served as current',
        ),
      );
    }
    return at < 0 ? undefined : id;
  }

  /** Logs each finding once per process, not on every catalog reload. */
  #reportOnce(key: string, report: () => void) {
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    report();
  }

  /**
   * A stored base version (and overlay version) compiled as a release would be, whatever their
   * status: what the diff compares when an id names no release (e.g. a draft under review).
   * `jurisdiction` is the overlay's, else the spec's.
   */
  async unreleased(id: string): Promise<Release | undefined> {
    const match = /^([a-z][a-z0-9-]{1,63})@([^+@]+)(?:\+([a-z][a-z0-9-]{1,63})@([^+@]+))?$/.exec(
      id,
    );
    if (!match) return undefined;
    const base = await this.rows.row('spec', match[1]!, match[2]!);
    const overlay = match[3] ? await this.rows.row('overlay', match[3], match[4]!) : undefined;
    if (!base || (match[3] && !overlay)) return undefined;
    const content = base.content as SpecContent;
    try {
      return await compileRelease(
        content,
        overlay?.jurisdiction ?? base.jurisdiction,
        overlay?.content as Overlay | undefined,
      );
    } catch (err) {
      if (err instanceof OverlayProblems) throw overlayRejected(err.problems);
      throw err;
    }
  }

  /** Rebuilds the catalog from the database (a newly published release becomes current). */
  async reloadCatalog(): Promise<void> {
    const { releases, current } = await this.loadReleases();
    this.deps.catalog.replace(releases, current);
  }
}
