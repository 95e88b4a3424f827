// /moderate as a whole document, rendered on the server (server/moderate-page.ts) with no script at all: every action
// is a plain form post, so it works on a phone on a weak link, and whatever a report or a note says can only ever be
// text (React escapes it, and the page's policy allows no script to run).
import type { ReactNode } from 'react';
import type { Direction, Mode } from '../../lib/enums';
import type { AddressBurst } from '../../lib/moderation/address-bursts';
import type { BurstAlert, HeldAlert, SignalAlert } from '../../lib/moderation/alerts';
import type { ModeratedCheckpoint, ModeratedReport } from '../../lib/moderation/moderate';
import { formatAgo, formatClockUtc } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { MODERATE_MESSAGES } from '../../lib/i18n/moderate-messages';
import { reportText } from '../../lib/ui/report-text';
import { BORDER_CODES, CHECKPOINT_STATUSES, MODES } from '../../lib/vocabulary';

export const MODERATE_PATH = '/moderate';
/** Characters of a device's keyed hash shown: enough to tell devices apart on one page. */
export const DEVICE_PREFIX = 8;

export interface AddressBurstView extends AddressBurst {
  /** Names of the checkpoints the devices reported at. */
  checkpoints: string[];
  /** How many of the devices are hidden already. */
  hidden: number;
}

export interface AuditRow {
  at: string;
  moderator: string | null;
  action: string;
  target: string;
  note: string;
  affected: number;
}

/** A line at the top: what the last action did, or why it did not. */
export type Flash = { kind: 'done'; text: string } | { kind: 'error'; text: string };

export interface ModerateSignedIn {
  moderator: string;
  csrf: string;
  checkpoints: ModeratedCheckpoint[];
  selected: { checkpoint: ModeratedCheckpoint; reports: ModeratedReport[] } | null;
  seriesBursts: BurstAlert[];
  crowdSignals: SignalAlert[];
  heldReports: HeldAlert[];
  addressBursts: AddressBurstView[];
  audit: AuditRow[];
}

export interface ModerateDocumentProps {
  lang: Language;
  css: string;
  now: Date;
  flash: Flash | null;
  /** null: the sign-in form. */
  signedIn: ModerateSignedIn | null;
}

const STYLE = `
.moderate { max-width: 60rem; margin: 0 auto; padding: 0.75rem; }
.moderate h1 { font-size: 1.4rem; margin: 0.25rem 0 0.5rem; }
.moderate h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
.moderate h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
.moderate-bar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
.moderate-bar form { display: inline; }
.moderate-bar > a { display: inline-flex; align-items: center; min-height: var(--tap); min-width: var(--tap); }
.moderate button, .moderate select, .moderate input[type=text], .moderate input[type=password], .moderate textarea { min-height: var(--tap); font: inherit; }
.moderate input[type=text], .moderate input[type=password], .moderate textarea, .moderate select { width: 100%; max-width: 36rem; padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; background: var(--paper); }
.moderate label { display: block; margin: 0.5rem 0 0.25rem; font-weight: 600; }
.moderate label.check { display: flex; align-items: center; gap: 0.5rem; min-height: var(--tap); font-weight: 400; margin: 0; }
.moderate label.check input { width: 1.25rem; height: 1.25rem; }
.moderate fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0.5rem 0; padding: 0.5rem 0.75rem; }
.moderate button { padding: 0.4rem 0.9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: var(--accent-ink); cursor: pointer; }
.moderate button.secondary { background: var(--paper); color: var(--accent); }
.moderate button.danger { background: var(--closed); border-color: var(--closed); }
.moderate .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
.moderate .flash { padding: 0.6rem 0.75rem; border-radius: 4px; margin: 0.5rem 0; }
.moderate .flash[data-kind=done] { background: var(--ok-bg); border: 1px solid var(--ok); }
.moderate .flash[data-kind=error] { background: var(--closed-bg); border: 1px solid var(--closed); }
.moderate .alert { border-left: 4px solid var(--band-under12); background: var(--wash); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.moderate ul.plain { list-style: none; padding: 0; margin: 0; }
.moderate .report { border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
.moderate .report[data-hidden=true] > .said { text-decoration: line-through; color: var(--muted); }
.moderate .tag { display: inline-block; padding: 0 0.35rem; border-radius: 3px; background: var(--closed); color: var(--on-closed); font-size: 0.85rem; }
.moderate code { font-size: 0.9rem; word-break: break-all; }
.moderate details > summary { min-height: var(--tap); display: flex; align-items: center; cursor: pointer; color: var(--accent); }
.moderate .audit li { border-bottom: 1px solid var(--line); padding: 0.4rem 0; overflow-wrap: anywhere; }
.moderate .note-text { white-space: pre-wrap; overflow-wrap: anywhere; }
`;

function Csrf(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

function Submit(props: { label: string; className?: string }) {
  return (
    <div className="buttons">
      <button type="submit" className={props.className}>
        {props.label}
      </button>
    </div>
  );
}

/** A form that carries out one action on this page, with the page's form token. */
function ActionForm(props: { csrf: string; intent: string; checkpoint?: string | null; children: ReactNode }) {
  return (
    <form method="post" action={MODERATE_PATH}>
      <Csrf token={props.csrf} />
      <input type="hidden" name="intent" value={props.intent} />
      {props.checkpoint && <input type="hidden" name="checkpoint" value={props.checkpoint} />}
      {props.children}
    </form>
  );
}

function SignIn(props: { lang: Language }) {
  const t = MODERATE_MESSAGES[props.lang];
  return (
    <section aria-labelledby="sign-in">
      <h2 id="sign-in">{t.login.heading}</h2>
      <form method="post" action={MODERATE_PATH}>
        <input type="hidden" name="intent" value="login" />
        <label htmlFor="token">{t.login.token}</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required />
        <p className="muted">{t.login.hint}</p>
        <Submit label={t.login.submit} />
      </form>
    </section>
  );
}

function HideDevices(props: { lang: Language; csrf: string; devices: string[]; checkpoint: string | null; id: string }) {
  const t = MODERATE_MESSAGES[props.lang];
  return (
    <details>
      <summary>{t.hideAll(props.devices.length)}</summary>
      <ActionForm csrf={props.csrf} intent="hide-devices" checkpoint={props.checkpoint}>
        {props.devices.map((device) => (
          <input key={device} type="hidden" name="devices" value={device} />
        ))}
        <label htmlFor={props.id}>{t.reason}</label>
        <input id={props.id} name="reason" type="text" required minLength={3} maxLength={500} />
        <Submit label={t.hideAll(props.devices.length)} className="danger" />
      </ActionForm>
    </details>
  );
}

function Attention(props: { lang: Language; signedIn: ModerateSignedIn }) {
  const { lang, signedIn } = props;
  const t = MODERATE_MESSAGES[lang];
  const m = MESSAGES[lang];
  const names = new Map(signedIn.checkpoints.map((c) => [c.id, c.name[lang]]));
  const empty = signedIn.seriesBursts.length === 0 && signedIn.crowdSignals.length === 0 && signedIn.heldReports.length === 0 && signedIn.addressBursts.length === 0;
  return (
    <section aria-labelledby="attention-title" id="attention">
      <h2 id="attention-title">{t.attention}</h2>
      {empty && <p className="muted">{t.nothingToCheck}</p>}
      <ul className="plain">
        {signedIn.seriesBursts.map((alert, index) => (
          <li key={`series-${alert.checkpointId}-${alert.direction}-${alert.mode}`} className="alert" data-kind="series-burst">
            <p>
              {t.seriesBurst(
                `${names.get(alert.checkpointId) ?? alert.checkpointId}, ${m.directionsShort[alert.direction as Direction]}, ${m.modes[alert.mode as Mode].toLowerCase()}`,
                Math.round(alert.share * 100),
                alert.devices.length,
              )}{' '}
              <a href={`${MODERATE_PATH}?checkpoint=${encodeURIComponent(alert.checkpointId)}#reports`}>{names.get(alert.checkpointId) ?? alert.checkpointId}</a>
            </p>
            <HideDevices lang={lang} csrf={signedIn.csrf} devices={alert.devices} checkpoint={alert.checkpointId} id={`series-reason-${index}`} />
          </li>
        ))}
        {signedIn.crowdSignals.map((alert, index) => (
          <li key={`signal-${alert.checkpointId}-${alert.direction}-${alert.mode}-${alert.signal}`} className="alert" data-kind="crowd-signal">
            <p>
              {t.crowdSignal(
                `${names.get(alert.checkpointId) ?? alert.checkpointId}, ${m.directionsShort[alert.direction]}, ${m.modes[alert.mode].toLowerCase()}`,
                m.signals[alert.signal].tap,
                alert.devices.length,
                formatClockUtc(new Date(alert.since), lang),
              )}{' '}
              <a href={`${MODERATE_PATH}?checkpoint=${encodeURIComponent(alert.checkpointId)}#status`}>{names.get(alert.checkpointId) ?? alert.checkpointId}</a>
            </p>
            <HideDevices lang={lang} csrf={signedIn.csrf} devices={alert.devices} checkpoint={alert.checkpointId} id={`signal-reason-${index}`} />
          </li>
        ))}
        {signedIn.heldReports.map((alert) => (
          <li key={`held-${alert.checkpointId}-${alert.direction}-${alert.mode}`} className="alert" data-kind="held-reports">
            <p>
              {t.heldReports(`${names.get(alert.checkpointId) ?? alert.checkpointId}, ${m.directionsShort[alert.direction]}, ${m.modes[alert.mode].toLowerCase()}`, alert.reports)}{' '}
              <a href={`${MODERATE_PATH}?checkpoint=${encodeURIComponent(alert.checkpointId)}#reports`}>{names.get(alert.checkpointId) ?? alert.checkpointId}</a>
            </p>
          </li>
        ))}
        {signedIn.addressBursts.map((burst, index) => (
          <li key={`address-${burst.address}`} className="alert" data-kind="address-burst">
            <p>{t.addressBurst(burst.address, burst.devices.length, burst.proven)}</p>
            <p>
              {`${t.burstWhere} ${burst.checkpoints.join(', ') || '—'}`}
              {burst.hidden > 0 && <span className="muted">{` · ${t.burstHidden(burst.hidden)}`}</span>}
            </p>
            <HideDevices lang={lang} csrf={signedIn.csrf} devices={burst.devices} checkpoint={null} id={`address-reason-${index}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Picker(props: { lang: Language; checkpoints: ModeratedCheckpoint[]; selected: string | null }) {
  const { lang } = props;
  const t = MODERATE_MESSAGES[lang];
  const m = MESSAGES[lang];
  return (
    <form method="get" action={MODERATE_PATH} id="checkpoint">
      <h2>
        <label htmlFor="checkpoint-id">{t.checkpointPicker}</label>
      </h2>
      <select id="checkpoint-id" name="checkpoint" defaultValue={props.selected ?? undefined}>
        {BORDER_CODES.map((border) => (
          <optgroup key={border} label={m.borders[border]}>
            {props.checkpoints
              .filter((c) => c.border === border)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.name[lang]}${c.reports24h > 0 ? ` — ${t.reportsIn24h(c.reports24h)}` : ''}${c.status !== 'open' ? ` (${m.status[c.status]})` : ''}`}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <div className="buttons">
        <button type="submit">{t.open}</button>
      </div>
    </form>
  );
}

function Checkpoint(props: { lang: Language; now: Date; csrf: string; checkpoint: ModeratedCheckpoint; reports: ModeratedReport[] }) {
  const { lang, checkpoint, csrf } = props;
  const t = MODERATE_MESSAGES[lang];
  const m = MESSAGES[lang];
  // A device's reports on this page are all hidden: offer to show them again rather than hide them once more.
  const devicesShown = new Set(props.reports.filter((r) => !r.hidden).map((r) => r.device));
  return (
    <>
      <h2 id="selected-title">{`${checkpoint.name[lang]} · ${m.borders[checkpoint.border]}`}</h2>

      <section aria-labelledby="status-title" id="status">
        <h3 id="status-title">{t.status}</h3>
        <p>
          {t.statusNow(m.status[checkpoint.status])}
          <span className="muted">{` · ${checkpoint.moderated && checkpoint.statusUpdatedAt ? t.statusByModerator(formatAgo(checkpoint.statusUpdatedAt, props.now, lang)) : t.statusFromCatalogue}`}</span>
        </p>
        {checkpoint.statusNote && <p className="note-text" data-testid="status-note">{checkpoint.statusNote}</p>}
        <ActionForm csrf={csrf} intent="set-status" checkpoint={checkpoint.id}>
          <fieldset>
            <legend className="visually-hidden">{t.status}</legend>
            {CHECKPOINT_STATUSES.map((status) => (
              <label key={status} className="check">
                <input type="radio" name="status" value={status} defaultChecked={status === checkpoint.status} />
                {m.status[status]}
              </label>
            ))}
          </fieldset>
          <label htmlFor="status-note">{t.note}</label>
          <textarea id="status-note" name="note" rows={2} maxLength={500} defaultValue={checkpoint.statusNote ?? ''} />
          <Submit label={t.setStatus} />
        </ActionForm>
      </section>

      <section aria-labelledby="modes-title" id="modes">
        <h3 id="modes-title">{t.modes}</h3>
        <p className="muted">{t.modesHint}</p>
        <ActionForm csrf={csrf} intent="set-modes" checkpoint={checkpoint.id}>
          <fieldset>
            <legend className="visually-hidden">{t.modes}</legend>
            {MODES.map((mode) => (
              <label key={mode} className="check">
                <input type="checkbox" name="modes" value={mode} defaultChecked={checkpoint.modes.includes(mode)} />
                {`${m.modes[mode]} `}
                <span className="muted">{`(${checkpoint.catalogueModes.includes(mode) ? t.inCatalogue : t.notInCatalogue})`}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor="modes-note">{t.modesNote}</label>
          <input id="modes-note" name="note" type="text" required minLength={3} maxLength={500} />
          <Submit label={t.setModes} />
        </ActionForm>
      </section>

      <section aria-labelledby="reports-title" id="reports">
        <h3 id="reports-title">{t.reports}</h3>
        {props.reports.length === 0 && <p className="muted">{t.noReports}</p>}
        <ul className="plain">
          {props.reports.map((report) => (
            <li key={report.id} className="report" data-hidden={report.hidden} data-held={report.held} data-device={report.device.slice(0, DEVICE_PREFIX)}>
              <div className="muted">
                {`${formatClockUtc(report.createdAt, lang)} · ${formatAgo(report.createdAt, props.now, lang)} · ${m.directionsShort[report.direction]} · ${m.modes[report.mode]} · ${t.device} `}
                <code>{report.device.slice(0, DEVICE_PREFIX)}</code>
                {report.hidden && (
                  <>
                    {' '}
                    <span className="tag">{report.held ? t.held : t.hidden}</span>
                  </>
                )}
              </div>
              <div className="said">{reportText(report, lang) || '—'}</div>
              <details>
                <summary>{t.actions}</summary>
                <form method="post" action={MODERATE_PATH}>
                  <Csrf token={csrf} />
                  {/* The intent is the button pressed. */}
                  <input type="hidden" name="checkpoint" value={checkpoint.id} />
                  <input type="hidden" name="report" value={report.id} />
                  <input type="hidden" name="device" value={report.device} />
                  <label htmlFor={`reason-${report.id}`}>{t.reason}</label>
                  <input id={`reason-${report.id}`} name="reason" type="text" required minLength={3} maxLength={500} />
                  <div className="buttons">
                    <button type="submit" name="intent" value={report.hidden ? 'show-report' : 'hide-report'} className="secondary">
                      {report.hidden ? t.showReport : t.hideReport}
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={devicesShown.has(report.device) ? 'hide-device' : 'show-device'}
                      className={devicesShown.has(report.device) ? 'danger' : 'secondary'}
                    >
                      {devicesShown.has(report.device) ? t.hideDevice : t.showDevice}
                    </button>
                  </div>
                </form>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Audit(props: { lang: Language; rows: AuditRow[]; checkpoints: ModeratedCheckpoint[] }) {
  const t = MODERATE_MESSAGES[props.lang];
  const names = new Map(props.checkpoints.map((c) => [c.id, c.name[props.lang]]));
  return (
    <section aria-labelledby="audit-title" id="audit">
      <h2 id="audit-title">{t.audit}</h2>
      {props.rows.length === 0 && <p className="muted">{t.auditEmpty}</p>}
      <ul className="plain audit">
        {props.rows.map((row, index) => (
          <li key={index}>
            <div>
              <span className="muted">{`${row.at.slice(0, 16).replace('T', ' ')} UTC · `}</span>
              <strong>{row.moderator ?? t.unnamed}</strong>
              {` ${t.auditActions[row.action] ?? row.action} `}
              {names.has(row.target) ? names.get(row.target) : <code>{row.target.length > 24 ? `${row.target.slice(0, DEVICE_PREFIX)}…` : row.target}</code>}
              <span className="muted">{` · ${t.auditColumns.affected.toLowerCase()}: ${row.affected}`}</span>
            </div>
            <div className="note-text">{row.note}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ModerateDocument(props: ModerateDocumentProps) {
  const { lang, signedIn } = props;
  const t = MODERATE_MESSAGES[lang];
  const m = MESSAGES[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${t.title} — ${m.appName}`}</title>
        <link rel="icon" href="/favicon.svg" />
        <style dangerouslySetInnerHTML={{ __html: props.css + STYLE }} />
      </head>
      <body>
        <main className="moderate">
          <div className="moderate-bar">
            <a href="/">{t.toMap}</a>
            <form method="post" action={MODERATE_PATH}>
              {signedIn && <Csrf token={signedIn.csrf} />}
              <input type="hidden" name="intent" value="language" />
              <input type="hidden" name="lang" value={lang === 'ru' ? 'en' : 'ru'} />
              <button type="submit" className="secondary" lang={lang === 'ru' ? 'en' : 'ru'}>
                {t.switchLanguage}
              </button>
            </form>
          </div>
          <h1>{`${m.appName} · ${t.title}`}</h1>
          {props.flash && (
            <p className="flash" data-kind={props.flash.kind} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.text}
            </p>
          )}
          {!signedIn && <SignIn lang={lang} />}
          {signedIn && (
            <>
              <div className="moderate-bar">
                <span>{t.signedInAs(signedIn.moderator)}</span>
                <ActionForm csrf={signedIn.csrf} intent="logout">
                  <button type="submit" className="secondary">
                    {t.logout}
                  </button>
                </ActionForm>
              </div>
              <Attention lang={lang} signedIn={signedIn} />
              <Picker lang={lang} checkpoints={signedIn.checkpoints} selected={signedIn.selected?.checkpoint.id ?? null} />
              {signedIn.selected && <Checkpoint lang={lang} now={props.now} csrf={signedIn.csrf} checkpoint={signedIn.selected.checkpoint} reports={signedIn.selected.reports} />}
              <Audit lang={lang} rows={signedIn.audit} checkpoints={signedIn.checkpoints} />
            </>
          )}
        </main>
      </body>
    </html>
  );
}
