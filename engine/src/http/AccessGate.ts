import type { ParameterizedContext } from 'koa';
import type { Caller } from '../access/Caller.js';
import type { Scope } from '../access/Scope.js';
import type { RouteAccess } from './defineRoute.js';
import type { RequestState } from './requestContext.js';

/** The one enforcement point every route passes before its handler (see access/RouteGate.ts). */
export interface AccessGate {
  /** Resolves the caller and the scope of the route's permission, or throws 401/403. */
  admit(
    ctx: ParameterizedContext<RequestState>,
    access: RouteAccess,
  ): Promise<{ caller: Caller | undefined; scope: Scope | undefined }>;
}
