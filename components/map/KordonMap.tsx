'use client';
// The map: the bundled basemap, optional raster tiles, and a marker per
// checkpoint. Loaded only in the browser (Leaflet needs a window).
import 'leaflet/dist/leaflet.css';
import { useEffect, useState } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { MAP_PAN_BOUNDS } from '../../lib/basemap';
import type { BorderCode } from '../../lib/enums';
import { Basemap } from './Basemap';
import { CheckpointMarker, type MarkerLook, pinHtml } from './CheckpointMarker';
import { FitToBorder, type FitRequest } from './FitToBorder';
import { FocusSelected } from './FocusSelected';
import { FollowSize } from './FollowSize';
import { PickPoint } from './PickPoint';
import { PlainAttribution } from './PlainAttribution';
import { SpreadMarkers } from './SpreadMarkers';
import { VisibleBorders } from './VisibleBorders';
import { ZoomDetail } from './ZoomDetail';

export interface MapCheckpoint {
  id: string;
  border: BorderCode;
  lat: number;
  lon: number;
  look: MarkerLook;
}

export interface KordonMapProps {
  checkpoints: readonly MapCheckpoint[];
  fit: FitRequest;
  tiles: { url: string; attribution: string } | null;
  label: string;
  /** The open checkpoint, kept in view. */
  focus: [number, number] | null;
  onSelect: (id: string) => void;
  onVisibleBorders: (borders: BorderCode[]) => void;
  /** The map is on the page (its script loaded and ran): what stood in for it may go. */
  onReady?: () => void;
  /** Set while a trip's start is being chosen: the next tap on the map is it. */
  onPick?: ((point: { lat: number; lon: number }) => void) | undefined;
}

const [west, south, east, north] = MAP_PAN_BOUNDS;

export default function KordonMap(props: KordonMapProps) {
  const { onReady } = props;
  useEffect(() => onReady?.(), [onReady]);
  // A person who asked the phone for less motion gets a map that moves in steps, not glides and fades. Read once:
  // Leaflet takes these options only when the map is made, and the map is made only in the browser.
  const [still] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  return (
    <MapContainer
      className="map"
      zoomAnimation={!still}
      fadeAnimation={!still}
      markerZoomAnimation={!still}
      inertia={!still}
      bounds={[[38, 28], [62, 120]]}
      maxBounds={[[south, west], [north, east]]}
      minZoom={2}
      maxZoom={12}
      zoomSnap={0.5}
      aria-label={props.label}
    >
      <Basemap />
      {props.tiles && <TileLayer url={props.tiles.url} attribution={props.tiles.attribution} />}
      {props.checkpoints.map((checkpoint) => (
        <CheckpointMarker key={checkpoint.id} id={checkpoint.id} lat={checkpoint.lat} lon={checkpoint.lon} look={checkpoint.look} onSelect={props.onSelect} />
      ))}
      <FitToBorder request={props.fit} />
      <FollowSize />
      <PlainAttribution />
      <ZoomDetail />
      {/* Placed again whenever any marker's drawing changes (a new drawing loses its place). */}
      <SpreadMarkers version={props.checkpoints.map(({ id, look }) => pinHtml(id, look)).join('')} />
      {props.focus && <FocusSelected point={props.focus} />}
      <VisibleBorders checkpoints={props.checkpoints} onChange={props.onVisibleBorders} />
      {props.onPick && <PickPoint onPick={props.onPick} />}
    </MapContainer>
  );
}
