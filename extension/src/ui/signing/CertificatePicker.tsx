import { formatVietnamDate } from '@vanthu/shared/domain/index';
import type { DaemonView } from './useDaemon.js';
import { say } from '../../i18n/language.js';

type Certificate = DaemonView['certificates'][number];

/**
 * The certificate a flow most likely wants: the organisation's (CN equal to O) for a seal, a person's
 * (non-repudiation) for an approver signature; the user can always choose another.
 */
export function defaultCertificate(certs: readonly Certificate[], seal: boolean): Certificate | undefined {
  const isOrg = (c: Certificate) => !!c.organization && c.commonName === c.organization;
  return (
    (seal ? certs.find(isOrg) : certs.find((c) => !isOrg(c) && c.keyUsage.includes('nonRepudiation'))) ??
    certs[0]
  );
}

export function CertificatePicker(props: {
  certificates: readonly Certificate[];
  value: string;
  onChange: (keyUri: string) => void;
}) {
  return (
    <label style={{ display: 'block', margin: '6px 0' }}>
      {say('Chứng thư số:', 'Certificate:')}{' '}
      <select
        aria-label={say('Chứng thư số', 'Certificate')}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.certificates.map((c) => (
          <option key={c.keyUri} value={c.keyUri}>
            {c.commonName ?? c.subject}
            {c.organization && c.organization !== c.commonName ? ` — ${c.organization}` : ''} (token {c.token}
            , {say('hết hạn', 'expires')} {formatVietnamDate(c.notAfter)})
          </option>
        ))}
      </select>
    </label>
  );
}
