'use client';
import { useLayoutEffect, type RefObject } from 'react';

/** The named fields inside `element` as a form would post them: checked boxes and radios only, none disabled. */
function fieldsOf(element: HTMLElement): URLSearchParams {
  const found = new URLSearchParams();
  for (const field of element.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input[name], select[name], textarea[name]')) {
    if (field.disabled) continue;
    if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox') && !field.checked) continue;
    found.append(field.name, field.value);
  }
  return found;
}

/**
 * What a person did to the page's fields before its scripts arrived (on a slow link, several seconds in which the
 * server's page is already on screen): React hydrates controlled fields without taking in those changes, and its
 * next render puts the first render's values back over them (react/react#26974; the fix, #33129, is behind a flag).
 * Once hydrated, before anything renders again, this hands the fields inside `element` as they stand on the page
 * to `take`, which puts them into state.
 */
export function useFieldsAsFound(element: RefObject<HTMLElement | null>, take: (found: URLSearchParams) => void): void {
  useLayoutEffect(() => {
    if (element.current) take(fieldsOf(element.current));
    // Once, on hydration: later changes go through the fields' own handlers.
  }, []);
}
