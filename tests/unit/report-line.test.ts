import { describe, expect, it } from 'vitest';
import { parseReportLine } from '../../lib/telegram/report-line';
import { decodeCallback, encodeCallback } from '../../lib/telegram/callback-data';

describe('a report in one line to the bot', () => {
  it('reads the wait however it is written: a number of hours, with a comma, with a unit, or in minutes', () => {
    for (const line of ['Ларс 4', 'Ларс 4ч', 'Ларс 4 ч', 'Ларс 4 часа', 'Ларс 4 ч.', 'Lars 4h', 'Lars 4 hours']) {
      expect(parseReportLine(line), line).toEqual({ name: line.startsWith('L') ? 'Lars' : 'Ларс', said: { waitMinutes: 240 } });
    }
    expect(parseReportLine('Верхний Ларс 4,5')).toEqual({ name: 'Верхний Ларс', said: { waitMinutes: 270 } });
    expect(parseReportLine('Верхний  Ларс 1.5 ч')).toEqual({ name: 'Верхний Ларс', said: { waitMinutes: 90 } });
    expect(parseReportLine('Кяхта 90 мин')).toEqual({ name: 'Кяхта', said: { waitMinutes: 90 } });
    expect(parseReportLine('Kyakhta 45 min')).toEqual({ name: 'Kyakhta', said: { waitMinutes: 45 } });
  });

  it('reads the cars ahead and the queue\'s length as people say them: "500 машин", "3 км"', () => {
    expect(parseReportLine('Вишнёвка 500 машин')).toEqual({ name: 'Вишнёвка', said: { queueVehicles: 500 } });
    // A count of trucks, buses or people says the mode as well.
    expect(parseReportLine('Маштаково 40 фур')).toEqual({ name: 'Маштаково', said: { queueVehicles: 40 }, mode: 'truck' });
    expect(parseReportLine('Ларс 12 автобусов')).toEqual({ name: 'Ларс', said: { queueVehicles: 12 }, mode: 'bus' });
    expect(parseReportLine('Ларс 200 человек')).toEqual({ name: 'Ларс', said: { queueVehicles: 200 }, mode: 'pedestrian' });
    expect(parseReportLine('Lars 300 cars')).toEqual({ name: 'Lars', said: { queueVehicles: 300 } });
    expect(parseReportLine('Ларс 3 км')).toEqual({ name: 'Ларс', said: { queueKm: 3 } });
    expect(parseReportLine('Ларс 1,5 km')).toEqual({ name: 'Ларс', said: { queueKm: 1.5 } });
  });

  it('leaves a line without a queue a name, and a number alone no name', () => {
    expect(parseReportLine('  Верхний Ларс ')).toEqual({ name: 'Верхний Ларс', said: null });
    expect(parseReportLine('4')).toEqual({ name: '4', said: null });
    expect(parseReportLine('')).toEqual({ name: '', said: null });
    // A word after the number the line does not know: all of it is the name, which then finds no crossing.
    expect(parseReportLine('Ларс 4 парсека')).toEqual({ name: 'Ларс 4 парсека', said: null });
  });

  it('a length goes on a button in metres and comes back as it was', () => {
    const button = { action: 'say', checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', kind: 'metres', value: 1500 } as const;
    expect(decodeCallback(encodeCallback(button))).toEqual(button);
  });
});
