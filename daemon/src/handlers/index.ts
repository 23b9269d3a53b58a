import type { DaemonRequestType } from '@vanthu/shared/protocol/index';
import { authHandler } from './auth.js';
import { cancelHandler } from './cancel.js';
import type { DocxConverter } from '../convert/index.js';
import { documentConvertHandler } from './document-convert.js';
import type { Handler } from './context.js';
import { documentInspectHandler } from './document-inspect.js';
import { helloHandler } from './hello.js';
import type { Office } from '../office/office.js';
import { reservedStamp } from '../office/outgoing.js';
import { officeHandlers } from './office-handlers.js';
import { pairFinishHandler, pairStartHandler } from './pair-exchange.js';
import { signHandler } from './sign.js';
import type { SignerSessions } from './signer-sessions.js';
import { tokensListHandler } from './tokens-list.js';
import { verifyHandler } from './verify.js';

/** One handler per request type of the protocol (the record type makes a missing one a type error). */
export function createHandlers(options: {
  sessions: SignerSessions;
  /** The port the server is bound to (known after listen). */
  portOf: () => number;
  /** Registry and exchange of this agency (service/office.ts). */
  office: Office;
  /** DOCX drafts to PDF (convert/). */
  convertDocx: DocxConverter;
}): Record<DaemonRequestType, Handler<never>> {
  return {
    hello: helloHandler,
    auth: authHandler,
    'pair.start': pairStartHandler,
    'pair.finish': pairFinishHandler(options.portOf),
    'tokens.list': tokensListHandler,
    'document.inspect': documentInspectHandler,
    'document.convert': documentConvertHandler(options.convertDocx),
    sign: signHandler(options.sessions, (id) => reservedStamp({ office: options.office }, id)),
    verify: verifyHandler,
    cancel: cancelHandler,
    ...officeHandlers(options.office),
  };
}
