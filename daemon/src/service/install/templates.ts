/** Text of the OS service definitions and the native-messaging launcher (pure functions: testable). */

export interface Launch {
  /** Absolute path of the Node executable. */
  node: string;
  /** Absolute path of daemon/bin/vanthu.mjs. */
  cli: string;
  /** Environment the service needs (VANTHU_HOME in tests and demos). */
  env: Record<string, string>;
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const systemdQuote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** systemd user unit (~/.config/systemd/user/vanthu.service). */
export function systemdUnit(l: Launch): string {
  const env = Object.entries(l.env)
    .map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}\n`)
    .join('');
  return `[Unit]
Description=vanthu local signing service (loopback WebSocket API for the browser extension)
After=default.target

[Service]
Type=simple
ExecStart=${systemdQuote(l.node)} ${systemdQuote(l.cli)} start
${env}Restart=on-failure
RestartSec=3
NoNewPrivileges=true
PrivateTmp=true

[Install]
WantedBy=default.target
`;
}

/** launchd agent (~/Library/LaunchAgents/vn.vanthu.daemon.plist). */
export function launchdPlist(l: Launch, label: string, logFile: string): string {
  const env = Object.entries(l.env)
    .map(([k, v]) => `      <key>${xml(k)}</key><string>${xml(v)}</string>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
  <dict>
    <key>Label</key><string>${xml(label)}</string>
    <key>ProgramArguments</key>
    <array><string>${xml(l.node)}</string><string>${xml(l.cli)}</string><string>start</string></array>
    <key>EnvironmentVariables</key>
    <dict>
${env}    </dict>
    <key>RunAtLoad</key><true/>
    <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
    <key>StandardErrorPath</key><string>${xml(logFile)}</string>
  </dict>
</plist>
`;
}

/** Task Scheduler XML for a per-user logon task (schtasks /Create /XML file /TN vanthu). */
export function schtasksXml(l: Launch, user: string): string {
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>vanthu local signing service</Description></RegistrationInfo>
  <Triggers><LogonTrigger><Enabled>true</Enabled><UserId>${xml(user)}</UserId></LogonTrigger></Triggers>
  <Principals><Principal id="Author"><UserId>${xml(user)}</UserId><LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure><Interval>PT1M</Interval><Count>3</Count></RestartOnFailure>
  </Settings>
  <Actions Context="Author"><Exec><Command>${xml(l.node)}</Command><Arguments>"${xml(l.cli)}" start</Arguments></Exec></Actions>
</Task>
`;
}

/** The executable a native-messaging manifest points at (browsers pass no arguments of ours). */
export function nativeLauncher(l: Launch, windows: boolean): string {
  if (windows) {
    const env = Object.entries(l.env)
      .map(([k, v]) => `set "${k}=${v}"\r\n`)
      .join('');
    return `@echo off\r\n${env}"${l.node}" "${l.cli}" native-host %*\r\n`;
  }
  const env = Object.entries(l.env)
    .map(([k, v]) => `export ${k}=${sh(v)}\n`)
    .join('');
  return `#!/bin/sh\n${env}exec ${sh(l.node)} ${sh(l.cli)} native-host "$@"\n`;
}

/** Chromium-family manifest (Chrome, Chromium, Edge). */
export function chromiumManifest(name: string, launcher: string, extensionIds: readonly string[]): string {
  return `${JSON.stringify(
    {
      name,
      description: 'vanthu pairing: gives the extension the local service port and pairing secret',
      path: launcher,
      type: 'stdio',
      allowed_origins: extensionIds.map((id) => `chrome-extension://${id}/`),
    },
    null,
    2,
  )}\n`;
}

/** Firefox manifest. */
export function firefoxManifest(name: string, launcher: string, extensionIds: readonly string[]): string {
  return `${JSON.stringify(
    {
      name,
      description: 'vanthu pairing: gives the extension the local service port and pairing secret',
      path: launcher,
      type: 'stdio',
      allowed_extensions: extensionIds,
    },
    null,
    2,
  )}\n`;
}
