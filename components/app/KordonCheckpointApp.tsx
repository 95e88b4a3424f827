'use client';
// The live page as /checkpoints/<id> serves it: the checkpoint panel comes
// with the page's script (panel-source.tsx says why).
import { CheckpointPanel } from './CheckpointPanel';
import { KordonApp, type KordonAppProps } from './KordonApp';
import { ProvidePanel } from './panel-source';

export function KordonCheckpointApp(props: KordonAppProps) {
  return (
    <ProvidePanel panel={CheckpointPanel}>
      <KordonApp {...props} />
    </ProvidePanel>
  );
}
