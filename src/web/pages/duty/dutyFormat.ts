import dayjs, { type Dayjs } from 'dayjs';

/** The wall-clock time (HH:mm) of an instant. */
export const clock = (iso: string) => dayjs(iso).format('HH:mm');

/** The local dates of the week (Monday first) or month around a day. */
export function period(anchor: Dayjs, mode: 'week' | 'month') {
  const start = mode === 'week' ? anchor.subtract((anchor.day() + 6) % 7, 'day') : anchor.startOf('month');
  const end = mode === 'week' ? start.add(6, 'day') : anchor.endOf('month');
  const days: string[] = [];
  for (let d = start; !d.isAfter(end, 'day'); d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return { from: days[0], to: days[days.length - 1], days };
}

export const today = () => dayjs().format('YYYY-MM-DD');
