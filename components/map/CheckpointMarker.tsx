'use client';
// One checkpoint on the map. The Leaflet marker is made once; a new estimate
// only rewrites its label, so markers never blink or lose keyboard focus.
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { BandId, Quality } from '../../lib/ui/wait-bands';

export interface MarkerLook {
  /** The crossing's short name, written under the wait where there is room. */
  name: string;
  band: BandId;
  /** How sure the number is: a hollow pill when unsure, greyed and dashed when old. */
  quality: Quality;
  /** Short text on the marker: "3,5 ч", "≈ 14 ч" or "—". */
  label: string;
  /** How old an old number is ("5 ч назад"), written under it. */
  age: string | null;
  /** What the crowd confirmed in one tap ("закрыт"), written under it. */
  signal: string | null;
  /** What a screen reader says: name and wait. */
  description: string;
  selected: boolean;
  /** The selected mode does not cross here. */
  muted: boolean;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The marker's drawing; the marker and the spreading of crowded markers both follow it. */
export function pinHtml(id: string, look: MarkerLook): string {
  return (
    `<span class="pin" data-checkpoint="${escape(id)}" data-band="${look.band}" data-quality="${look.quality}"` +
    `${look.selected ? ' data-selected="true"' : ''}${look.muted ? ' data-muted="true"' : ''}>` +
    `<span class="pin-label" aria-hidden="true">${escape(look.label)}</span>` +
    `<span class="pin-name" aria-hidden="true">${escape(look.name)}</span>` +
    `${look.age ? `<span class="pin-age" aria-hidden="true">${escape(look.age)}</span>` : ''}` +
    `${look.signal ? `<span class="pin-signal" aria-hidden="true">${escape(look.signal)}</span>` : ''}` +
    `<span class="visually-hidden">${escape(look.description)}</span></span>`
  );
}

/**
 * Where a marker sits in the stack. Leaflet stacks by screen y plus this offset,
 * so steps larger than any screen keep every marker with an estimate above the
 * grey "no data" ones that crowd it at low zoom, and the open one above all.
 */
function stackOffset(look: MarkerLook): number {
  if (look.selected) return 30_000;
  if (look.muted) return 0;
  return look.band === 'none' ? 10_000 : 20_000;
}

export function CheckpointMarker(props: { id: string; lat: number; lon: number; look: MarkerLook; onSelect: (id: string) => void }) {
  const map = useMap();
  const marker = useRef<L.Marker | null>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;

  useEffect(() => {
    const icon = L.divIcon({ className: 'pin-anchor', html: pinHtml(props.id, props.look), iconSize: [0, 0] });
    const created = L.marker([props.lat, props.lon], { icon, keyboard: true, riseOnHover: true, zIndexOffset: stackOffset(props.look) }).addTo(map);
    created.on('click', () => onSelect.current(props.id));
    // Leaflet makes markers focusable buttons but leaves Enter and Space to us.
    created.on('keydown', (event) => {
      const key = (event as L.LeafletKeyboardEvent).originalEvent.key;
      if (key !== 'Enter' && key !== ' ') return;
      (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
      onSelect.current(props.id);
    });
    marker.current = created;
    return () => {
      created.remove();
      marker.current = null;
    };
    // Made once per checkpoint; the effect below keeps the label current.
  }, [map, props.id, props.lat, props.lon]);

  const html = pinHtml(props.id, props.look);
  useEffect(() => {
    const current = marker.current;
    if (!current) return;
    const icon = current.options.icon as L.DivIcon;
    if (icon.options.html === html) return;
    // Kept in the icon's options too, for when Leaflet re-creates the element.
    icon.options.html = html;
    const element = current.getElement();
    if (element) element.innerHTML = html;
    current.setZIndexOffset(stackOffset(props.look));
    // The offset follows from the look, and every change of look changes the html.
  }, [html]);

  return null;
}
