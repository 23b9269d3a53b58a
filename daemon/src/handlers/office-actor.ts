import type { Office, OfficeActor } from '../office/office.js';
import type { RequestContext } from './context.js';

/** The office steps of a request are taken for the connection that asked, audited in the daemon's log. */
export const actorOf = (office: Office, ctx: RequestContext): OfficeActor => ({
  office,
  audit: ctx.services.audit,
  origin: ctx.state.origin,
});
