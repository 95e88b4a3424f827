'use client';
// Reports which borders have a checkpoint in view, so the page subscribes to
// what is on screen and nothing else.
import { useEffect, useRef } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { BorderCode } from '../../lib/enums';

export function VisibleBorders(props: {
  checkpoints: readonly { border: BorderCode; lat: number; lon: number }[];
  onChange: (borders: BorderCode[]) => void;
}) {
  const map = useMap();
  const last = useRef('');
  const report = () => {
    const bounds = map.getBounds().pad(0.1);
    const borders = [...new Set(props.checkpoints.filter((c) => bounds.contains([c.lat, c.lon])).map((c) => c.border))].sort();
    const key = borders.join(',');
    if (key === last.current) return;
    last.current = key;
    props.onChange(borders);
  };
  useMapEvents({ moveend: report });
  useEffect(report, [map]);
  return null;
}
