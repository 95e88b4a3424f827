'use client';
// Where the checkpoint panel's code comes from. A page that opens with a
// checkpoint (/checkpoints/<id>) has it in its first script, rendered into
// the first response as it stands (a form that works without scripts cannot
// wait for a script). Every other page fetches it when a checkpoint is first
// opened, so a page of waits does not pay for a form it may never show.
import dynamic from 'next/dynamic';
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { CheckpointPanel as Panel } from './CheckpointPanel';

type PanelComponent = typeof Panel;

const LazyPanel = dynamic(() => import('./CheckpointPanel').then((m) => m.CheckpointPanel), { loading: () => <SideLoading /> }) as ComponentType<
  Parameters<PanelComponent>[0]
>;

export function SideLoading() {
  return <div className="side-loading" aria-busy="true" />;
}

const PanelContext = createContext<PanelComponent | null>(null);

export function ProvidePanel({ panel, children }: { panel: PanelComponent; children: ReactNode }) {
  return <PanelContext value={panel}>{children}</PanelContext>;
}

/** The panel to render: the one in this page's script, or the one fetched when needed. */
export function usePanel(): ComponentType<Parameters<PanelComponent>[0]> {
  return useContext(PanelContext) ?? LazyPanel;
}
