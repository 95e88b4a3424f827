// What the browser keeps in localStorage can be anything: an older version's
// shape, a hand edit, a write cut short. Read it as a list or as nothing.
export function parseStoredList(stored: string | null): unknown[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
