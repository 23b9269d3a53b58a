import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../extension/src/profile/demo-profile.js';
import { portalProfileSchema } from '../../extension/src/profile/schema.js';
import { launchWithExtension } from '../support/chromium.js';
import { managedPolicySupported } from '../support/chromium-policy.js';
import { buildExtension } from '../support/extension.js';

// An admin profile using every part of the profile format: link URL rules of both kinds, registration
// fields, flows and a file-input upload. Chromium drops any key the manifest's managed_schema does not
// declare, so the extension must read this back exactly.
const ADMIN_PROFILE = {
  ...DEMO_PORTAL_PROFILE,
  id: 'qlvb-so-noi-vu',
  name: 'QLVB Sở Nội vụ',
  matches: ['https://qlvb.snv.example.gov.vn/*'],
  documents: {
    ...DEMO_PORTAL_PROFILE.documents,
    url: [
      { urlTemplate: '/tep/{data-fid}.pdf' },
      { from: 'href', pattern: "__doPostBack\\('([^']+)'", url: '/tai-tep.aspx?id=$1' },
    ],
  },
  flows: { sign: true, numberSeal: false, verify: true, register: true },
  registration: {
    form: 'form#form-vao-so',
    fields: {
      ...DEMO_PORTAL_PROFILE.registration?.fields,
      'SignerInfo.FullName': 'input[name="nguoi_ky"]',
      Priority: 'select[name="do_khan"]',
    },
  },
};

let session: Awaited<ReturnType<typeof launchWithExtension>>;

describe.runIf(managedPolicySupported())(
  'admin policy (storage.managed) through a Chromium policy file',
  () => {
    beforeAll(async () => {
      const dir = await buildExtension({ demo: false });
      session = await launchWithExtension(dir, {
        managedPolicy: {
          profiles: [ADMIN_PROFILE],
          origins: ['https://ho-so.example.gov.vn'],
          batchSigning: false,
        },
      });
    });

    afterAll(async () => {
      await session?.close();
    });

    it('delivers a full profile with all its keys, and the profile is valid', async () => {
      expect(portalProfileSchema.safeParse(ADMIN_PROFILE).success).toBe(true);
      const worker =
        session.context.serviceWorkers()[0] ?? (await session.context.waitForEvent('serviceworker'));
      type Managed = { storage: { managed: { get(k: null): Promise<unknown> } } };
      const managed = await worker.evaluate(() =>
        (globalThis as unknown as { chrome: Managed }).chrome.storage.managed.get(null),
      );
      expect(managed).toEqual({
        profiles: [ADMIN_PROFILE],
        origins: ['https://ho-so.example.gov.vn'],
        batchSigning: false,
      });
    });
  },
);
