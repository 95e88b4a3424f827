'use client';
// The live page: map, choices, the checkpoint panel and the watch list, kept
// current over one Socket.IO connection. Everything but the map itself
// renders on the server too, so /checkpoints/<id> arrives readable.
import type { NoScriptResult } from '../../lib/ui/no-script-form';
import dynamic from 'next/dynamic';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckpointDetail, CheckpointSummary } from '../../lib/checkpoints';
import type { BorderCode, Direction, Mode } from '../../lib/enums';
import type { Estimate } from '../../lib/estimates/types';
import type { CheckpointStatusUpdate, ReportCreated } from '../../lib/events';
import { LANGUAGE_COOKIE, type Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { estimateKey } from '../../lib/ui/estimate-store';
import { asOfFor } from '../../lib/ui/offline-copy';
import { markerLook } from '../../lib/ui/marker-look';
import { refusalText } from '../../lib/ui/report-errors';
import { shownEstimate } from '../../lib/ui/wait-bands';
import { toggleWatch, updateWatch } from '../../lib/ui/watch-list';
import type { MapCheckpoint } from '../map/KordonMap';
import { FirstEstimates } from './FirstEstimates';
import { queryOfView, type SharedView } from '../../lib/ui/shared-view';
import { initialView, NARROW_QUERY, rememberView, storedView, type LinkHints, type View } from '../../lib/ui/lite-view';
import { Controls } from './Controls';
import { useSideFocus } from './useSideFocus';
import { useSideHistory } from './useSideHistory';
import { Legend } from './Legend';
import { OfflineNotice } from './OfflineNotice';
import { SideLoading, usePanel } from './panel-source';
import type { TripStart } from '../trip/TripPlanner';
import { TopBar } from './TopBar';
import { useNow } from './useNow';
import { useOfflineCopy } from './useOfflineCopy';
import { useOutbox } from './useOutbox';
import { CHECKPOINT_PATH, useCheckpointDetail } from './useCheckpointDetail';
import { useLiveEstimates } from './useLiveEstimates';
import { usePageAlerts } from './usePageAlerts';
import { useRealtime, type Wanted } from './useRealtime';
import { useWatchList } from './useWatchList';
import { usePush } from './usePush';

const KordonMap = dynamic(() => import('../map/KordonMap'), { ssr: false, loading: () => <MapPlaceholder /> });
// The watch list is only ever opened by a tap: its code comes then.
const WatchList = dynamic(() => import('./WatchList').then((m) => m.WatchList), { loading: () => <SideLoading /> });
// So is the trip planner, and the gazetteer it fetches when it opens.
const TripPlanner = dynamic(() => import('../trip/TripPlanner'), { loading: () => <SideLoading /> });

function MapPlaceholder() {
  return <div className="map map-placeholder" />;
}


export interface KordonAppProps {
  lang: Language;
  checkpoints: CheckpointSummary[];
  detail: CheckpointDetail | null;
  renderedAt: string;
  tiles: { url: string; attribution: string } | null;
  /** What a report sent without scripts came to (the page's address says, after the form's redirect). */
  formResult?: NoScriptResult | null;
  /** The browser sent `Save-Data: on`. */
  saveData?: boolean;
  /** The direction and mode the page's address asked for (a shared link, lib/ui/shared-view.ts). */
  view?: SharedView;
}

export function KordonApp(props: KordonAppProps) {
  const [lang, setLang] = useState(props.lang);
  const m = MESSAGES[lang];
  const [direction, setDirection] = useState<Direction>(props.view?.direction ?? 'out');
  const [mode, setMode] = useState<Mode>(props.view?.mode ?? 'car');
  // The address says the view, so that a link copied from it shows the same (replaceState: no history entry per tap).
  useEffect(() => {
    const query = queryOfView({ direction, mode });
    if (window.location.search !== query) window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}`);
  }, [direction, mode]);
  const [border, setBorder] = useState<BorderCode | null>(null);
  const [fitSeq, setFitSeq] = useState(0);
  const [visibleBorders, setVisibleBorders] = useState<BorderCode[]>(['FI', 'GE', 'KZ', 'MN']);
  /** What the side shows when no checkpoint is open: the watch list, or the trip planner. */
  const [sideOpen, setSideOpen] = useSideHistory();
  const watchOpen = sideOpen === 'watch';
  /** Where the person leaves from: kept in this page's memory only, never stored or sent. */
  const [tripStart, setTripStart] = useState<TripStart | null>(null);
  /** The next tap on the map chooses the trip's start. */
  const [pickingStart, setPickingStart] = useState(false);
  const [mapReady, setMapReady] = useState(false);
  const onMapReady = useCallback(() => setMapReady(true), []);
  // Decided in the browser (its link, its remembered choice); until then the map's place holds the list.
  const [view, setView] = useState<View | null>(null);
  useEffect(() => {
    const link = (navigator as Navigator & { connection?: LinkHints }).connection;
    setView(initialView({ stored: storedView(), saveDataHeader: props.saveData === true, link, narrow: window.matchMedia(NARROW_QUERY).matches }));
  }, [props.saveData]);
  const chooseView = useCallback((chosen: View) => {
    rememberView(chosen);
    setView(chosen);
  }, []);
  // Once loaded, the map stays on the page, hidden in the list view: taking Leaflet down mid-animation throws.
  const [mapLoaded, setMapLoaded] = useState(false);
  useEffect(() => {
    if (view === 'map') setMapLoaded(true);
  }, [view]);
  const pageAlerts = usePageAlerts();
  const { notify } = pageAlerts;
  const watch = useWatchList();
  // At the app, not in the watch list's panel: a visit, or a watch changed on a checkpoint's panel, reaches the server.
  const push = usePush(watch.list, lang);
  const now = useNow(props.renderedAt);
  const CheckpointPanel = usePanel();

  const pathname = usePathname();
  const selectedId = CHECKPOINT_PATH.exec(pathname ?? '')?.[1] ?? null;
  // A moderator's status changes arrive live; the newest per checkpoint wins.
  const [statusUpdates, setStatusUpdates] = useState<Record<string, CheckpointStatusUpdate>>({});
  const checkpoints = useMemo(
    () =>
      props.checkpoints.map((c) => {
        const update = statusUpdates[c.id];
        return update && (!c.statusUpdatedAt || update.statusUpdatedAt > c.statusUpdatedAt)
          ? { ...c, status: update.status, statusNote: update.statusNote, modes: update.modes ?? c.modes, statusUpdatedAt: update.statusUpdatedAt }
          : c;
      }),
    [props.checkpoints, statusUpdates],
  );
  const byId = useMemo(() => new Map(checkpoints.map((c) => [c.id, c])), [checkpoints]);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  // --- live estimates and alerts, and the open checkpoint's details ---
  const langRef = useRef(lang);
  langRef.current = lang;
  const live = useLiveEstimates({ initial: props.checkpoints, byId, watchList: watch.list, lang, notify });
  const { estimates, apply: applyEstimates } = live;
  const { detail, fetchDetail, refreshSoon: refreshDetailSoon, addReport } = useCheckpointDetail({ initial: props.detail, selectedId, onEstimates: applyEstimates });

  const onEstimates = useCallback(
    (incoming: Estimate[]) => {
      applyEstimates(incoming);
      if (selectedId && incoming.some((e) => e.checkpointId === selectedId)) refreshDetailSoon();
    },
    [applyEstimates, refreshDetailSoon, selectedId],
  );

  const wanted: Wanted = useMemo(
    () => ({ ids: [...new Set([...(selectedId ? [selectedId] : []), ...watch.list.map((e) => e.id)])], borders: visibleBorders }),
    [selectedId, watch.list, visibleBorders],
  );
  const realtime = useRealtime({
    wanted,
    onEstimates,
    onCheckpointUpdate: (update) =>
      setStatusUpdates((current) =>
        current[update.checkpointId] && current[update.checkpointId]!.statusUpdatedAt >= update.statusUpdatedAt ? current : { ...current, [update.checkpointId]: update },
      ),
    onReconnect: () => {
      if (selectedId) fetchDetail(selectedId);
    },
  });

  // Checkpoints the subscription covers: their numbers are current while live.
  const covered = useMemo(
    () => checkpoints.filter((c) => visibleBorders.includes(c.border) || wanted.ids.includes(c.id)).map((c) => c.id),
    [checkpoints, visibleBorders, wanted.ids],
  );
  const confirmedAt = useOfflineCopy({
    live: realtime.state === 'live',
    cutOff: realtime.cutOff || realtime.state === 'offline',
    estimates,
    covered,
    onRestore: live.restore,
  });
  const offline = realtime.state !== 'live' && (realtime.cutOff || realtime.state === 'offline');

  const outbox = useOutbox({
    connection: realtime.state,
    submit: realtime.submit,
    onAccepted: (created) => onReportAcceptedRef.current(created),
    onRefused: (_report, error) => notify(MESSAGES[langRef.current].refusedLater(refusalText(error, langRef.current))),
  });

  // --- navigation ---
  const open = useCallback((id: string) => {
    // Next.js keeps usePathname in step with pushState, without a server round trip.
    if (CHECKPOINT_PATH.exec(window.location.pathname)?.[1] !== id) window.history.pushState(null, '', `/checkpoints/${id}${window.location.search}`);
    setSideOpen(null);
  }, []);
  const close = useCallback(() => window.history.pushState(null, '', `/${window.location.search}`), []);
  const pickStart = useCallback(
    (point: { lat: number; lon: number }) => {
      setPickingStart(false);
      setTripStart({ name: MESSAGES[langRef.current].pick.point, ...point });
      setSideOpen('trip');
    },
    [],
  );

  useSideFocus(
    selected ? `checkpoint:${selected.id}` : sideOpen,
    useCallback(() => (selected ? close() : setSideOpen(null)), [selected, close]),
  );

  useEffect(() => {
    document.title = selected ? `${selected.name[lang]} — ${m.appName}` : `${m.appName} — ${m.tagline}`;
  }, [selected, lang, m]);

  const switchLanguage = () => {
    const next: Language = lang === 'ru' ? 'en' : 'ru';
    document.cookie = `${LANGUAGE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next;
    setLang(next);
  };

  const chooseBorder = (code: BorderCode | null) => {
    setBorder(code);
    setFitSeq((seq) => seq + 1);
  };

  const toggleWatched = (id: string) => {
    watch.change((list) => toggleWatch(list, { id, direction, mode }));
  };
  const setAlert = (id: string, hours: number | null) => {
    if (hours !== null && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().then((permission) => {
        if (permission === 'denied') notify(MESSAGES[langRef.current].alert.blocked);
      });
    }
    watch.change((list) => updateWatch(list, id, { alertBelowHours: hours }));
  };

  const onReportAcceptedRef = useRef<(created: ReportCreated) => void>(() => undefined);
  const onReportAccepted = (created: ReportCreated) => {
    applyEstimates([created.estimate]);
    addReport(created.report);
  };

  onReportAcceptedRef.current = onReportAccepted;

  // --- what the map shows ---
  const mapCheckpoints: MapCheckpoint[] = useMemo(
    () =>
      checkpoints.map((checkpoint) => {
        const modeHere = checkpoint.modes.includes(mode);
        const closed = checkpoint.status === 'closed';
        const estimate = estimates[estimateKey(checkpoint.id, direction, mode)];
        const { wait, quality } = modeHere && !closed ? shownEstimate(estimate) : { wait: null, quality: 'solid' as const };
        return {
          id: checkpoint.id,
          border: checkpoint.border,
          lat: checkpoint.lat,
          lon: checkpoint.lon,
          look: { ...markerLook({ name: checkpoint.name[lang], shortName: checkpoint.russianSide.name[lang], wait, quality, closed, modeHere, estimate, now, lang }), selected: checkpoint.id === selectedId },
        };
      }),
    [checkpoints, estimates, direction, mode, lang, selectedId, now],
  );
  const fit = useMemo(
    () => ({ points: props.checkpoints.filter((c) => border === null || c.border === border).map((c) => [c.lat, c.lon] as [number, number]), seq: fitSeq }),
    [props.checkpoints, border, fitSeq],
  );

  const side = selected ? (
    <CheckpointPanel
      checkpoint={selected}
      detail={detail?.id === selected.id ? detail : null}
      estimates={estimates}
      direction={direction}
      mode={mode}
      lang={lang}
      now={now}
      watch={watch.list.find((e) => e.id === selected.id)}
      onToggleWatch={() => toggleWatched(selected.id)}
      onAlertChange={(hours) => setAlert(selected.id, hours)}
      onClose={close}
      submit={realtime.submit}
      enqueue={outbox.enqueue}
      connected={realtime.state === 'live'}
      pending={outbox.entries.filter((entry) => entry.report.checkpointId === selected.id)}
      onReportAccepted={onReportAccepted}
      formResult={props.detail?.id === selected.id ? (props.formResult ?? null) : null}
    />
  ) : sideOpen === 'watch' ? (
    <WatchList
      entries={watch.list}
      checkpoints={byId}
      estimates={estimates}
      lang={lang}
      now={now}
      onOpen={open}
      onAlertChange={setAlert}
      onClose={() => setSideOpen(null)}
      push={push}
    />
  ) : sideOpen === 'trip' ? (
    <TripPlanner
      lang={lang}
      checkpoints={checkpoints}
      estimates={estimates}
      direction={direction}
      mode={mode}
      now={now}
      start={tripStart}
      onStart={setTripStart}
      onPickOnMap={
        view === 'map'
          ? () => {
              setPickingStart(true);
              setSideOpen(null);
            }
          : undefined
      }
      onOpen={open}
      onClose={() => setSideOpen(null)}
    />
  ) : null;

  return (
    // Said on the page itself rather than found by the style sheet with `:has()`, which Chrome before 105 (Android 5's
    // last is 95) and Firefox before 121 drop, rule and all.
    <div className="app" lang={lang} data-side-open={side ? '' : undefined}>
      <TopBar
        lang={lang}
        connection={realtime.state}
        pending={outbox.entries.length}
        watchedCount={watch.list.length}
        watchOpen={watchOpen}
        onToggleWatch={() => {
          if (selectedId) close();
          setSideOpen(sideOpen !== 'watch' || selectedId ? 'watch' : null);
        }}
        onSwitchLanguage={switchLanguage}
      />
      {offline && <OfflineNotice asOf={asOfFor(confirmedAt, covered, props.renderedAt)} now={now} lang={lang} />}
      <Controls
        lang={lang}
        border={border}
        direction={direction}
        mode={mode}
        onBorder={chooseBorder}
        onDirection={setDirection}
        onMode={setMode}
        tripOpen={sideOpen === 'trip'}
        onTrip={() => {
          if (selectedId) close();
          setSideOpen(sideOpen !== 'trip' || selectedId ? 'trip' : null);
        }}
      />
      <main className="stage">
        <div className="map-area" role="region" aria-label={m.mapLabel}>
          {view === 'map' || mapLoaded ? (
            <div className={view === 'list' ? 'map-hidden' : 'map-shown'}>
            <KordonMap
              checkpoints={mapCheckpoints}
              fit={fit}
              tiles={props.tiles}
              label={m.mapLabel}
              focus={selected ? [selected.lat, selected.lon] : null}
              onSelect={open}
              onVisibleBorders={setVisibleBorders}
              onReady={onMapReady}
              onPick={pickingStart ? pickStart : undefined}
            />
            </div>
          ) : (
            <div className="map map-placeholder" />
          )}
          {/* In the first response, readable before any script: the numbers, until the map is there to show them. */}
          {(!mapReady || view === 'list') && (
            <FirstEstimates
              checkpoints={props.checkpoints}
              estimates={estimates}
              border={border}
              direction={direction}
              mode={mode}
              lang={lang}
              now={now}
              onOpen={open}
              onShowMap={view === 'list' ? () => chooseView('map') : undefined}
            />
          )}
          {pickingStart && view === 'map' && (
            <p className="pick-hint" role="status">
              {m.pick.hint}{' '}
              <button type="button" className="link" onClick={() => setPickingStart(false)}>
                {m.pick.cancel}
              </button>
            </p>
          )}
          {view === 'map' && (
            <button type="button" className="lite-toggle" onClick={() => chooseView('list')}>
              {m.withoutMap}
            </button>
          )}
          <Legend lang={lang} />
        </div>
        <div id="side" className={side ? 'side open' : 'side'} data-side={selected ? 'checkpoint' : (sideOpen ?? undefined)}>
          {side}
        </div>
      </main>
      <div className="page-alerts" aria-live="assertive">
        {pageAlerts.alerts.map((alert) => (
          <p key={alert.id}>
            <span>{alert.text}</span>
            <button type="button" className="dismiss" aria-label={m.close} onClick={() => pageAlerts.dismiss(alert.id)}>
              ×
            </button>
          </p>
        ))}
      </div>
    </div>
  );
}
