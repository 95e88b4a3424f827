'use client';
import { useLayoutEffect, type RefObject } from 'react';

/**
 * What a person did to a form before the page's scripts arrived (on a slow link, several seconds in which the
 * server's form is already on screen): React hydrates controlled fields without taking in those changes, and its
 * next render puts the first render's values back over them (react/react#26974; the fix, #33129, is behind a flag).
 * Once hydrated, before anything renders again, this hands the form's fields as it would post them to `take`,
 * which puts them into state.
 */
export function useFormAsFound(form: RefObject<HTMLFormElement | null>, take: (found: URLSearchParams) => void): void {
  useLayoutEffect(() => {
    if (!form.current) return;
    const found = new URLSearchParams();
    for (const [name, value] of new FormData(form.current)) if (typeof value === 'string') found.append(name, value);
    take(found);
    // Once, on hydration: later changes go through the fields' own handlers.
  }, []);
}
