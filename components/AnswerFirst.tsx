// A ranking read as an answer: its first row, then what may beat it, then the
// rest numbered on from 2. On a small or sideways phone a note above the
// ranking held the only screenful; the planner (components/trip/TripPlanner.tsx)
// and /list without scripts (components/CheckpointList.tsx) both rank this way.
import type { ReactNode } from 'react';

export function AnswerFirst<Row>(props: { rows: readonly Row[]; row: (row: Row) => ReactNode; className: string; afterFirst?: ReactNode }) {
  const { rows, row, className } = props;
  return (
    <>
      {rows.length > 0 && <ol className={className}>{rows.slice(0, 1).map(row)}</ol>}
      {props.afterFirst}
      {rows.length > 1 && (
        <ol className={className} start={2}>
          {rows.slice(1).map(row)}
        </ol>
      )}
    </>
  );
}
