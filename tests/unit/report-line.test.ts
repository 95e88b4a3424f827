import { describe, expect, it } from 'vitest';
import { parseReportLine } from '../../lib/telegram/report-line';

describe('a report in one line to the bot', () => {
  it('reads the wait however it is written: a number of hours, with a comma, with a unit, or in minutes', () => {
    for (const line of ['Ларс 4', 'Ларс 4ч', 'Ларс 4 ч', 'Ларс 4 часа', 'Ларс 4 ч.', 'Lars 4h', 'Lars 4 hours']) expect(parseReportLine(line), line).toEqual({ name: line.startsWith('L') ? 'Lars' : 'Ларс', waitMinutes: 240 });
    expect(parseReportLine('Верхний Ларс 4,5')).toEqual({ name: 'Верхний Ларс', waitMinutes: 270 });
    expect(parseReportLine('Верхний  Ларс 1.5 ч')).toEqual({ name: 'Верхний Ларс', waitMinutes: 90 });
    expect(parseReportLine('Кяхта 90 мин')).toEqual({ name: 'Кяхта', waitMinutes: 90 });
    expect(parseReportLine('Kyakhta 45 min')).toEqual({ name: 'Kyakhta', waitMinutes: 45 });
  });

  it('leaves a line without a wait a name, and a number alone no name', () => {
    expect(parseReportLine('  Верхний Ларс ')).toEqual({ name: 'Верхний Ларс', waitMinutes: null });
    expect(parseReportLine('4')).toEqual({ name: '4', waitMinutes: null });
    expect(parseReportLine('')).toEqual({ name: '', waitMinutes: null });
    // A word after the number is part of no wait: it stays in the name, which then finds no crossing.
    expect(parseReportLine('Ларс 4 машины').waitMinutes).toBeNull();
  });
});
