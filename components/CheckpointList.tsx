// The server-rendered list of checkpoints by border: readable with JavaScript
// off, and the fallback for the map.
import type { Border } from '../lib/borders';
import type { CheckpointView } from '../lib/checkpoints';
import type { CheckpointStatus, Mode } from '../lib/enums';

const MODE_LABEL: Record<Mode, string> = {
  car: 'легковые · cars',
  truck: 'грузовые · trucks',
  bus: 'автобусы · buses',
  pedestrian: 'пешком · on foot',
  bicycle: 'велосипед · bicycles',
};

const STATUS_LABEL: Record<CheckpointStatus, string> = {
  open: 'открыт · open',
  restricted: 'ограничен · restricted',
  closed: 'закрыт · closed',
};

export function CheckpointList({ borders, checkpoints }: { borders: readonly Border[]; checkpoints: readonly CheckpointView[] }) {
  return (
    <>
      <nav className="borders" aria-label="Границы · Borders">
        {borders.map((border) => (
          <a key={border.code} href={`#border-${border.code}`}>
            {`${border.name.ru} · ${border.name.en}`}
          </a>
        ))}
      </nav>
      {borders.map((border) => {
        const here = checkpoints.filter((checkpoint) => checkpoint.border === border.code);
        return (
          <section key={border.code} id={`border-${border.code}`} aria-labelledby={`heading-${border.code}`}>
            <h2 id={`heading-${border.code}`}>
              {`${border.name.ru} · ${border.name.en} `}
              <span className="facts">{`(${here.length})`}</span>
            </h2>
            <ul className="checkpoints">
              {here.map((checkpoint) => (
                <li key={checkpoint.id} data-checkpoint={checkpoint.id}>
                  <span className="name-ru" lang="ru">{checkpoint.name.ru}</span>
                  <span className="name-en" lang="en">{checkpoint.name.en}</span>
                  <span className="facts">
                    <span className={`status-${checkpoint.status}`}>{STATUS_LABEL[checkpoint.status]}</span>
                    {` — ${checkpoint.modes.map((mode) => MODE_LABEL[mode]).join(', ')}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
