'use client';
// A number for a thumb: a row of quick choices, a field for any other value,
// and the error that concerns it right underneath.
export function QuickNumber(props: {
  id: string;
  name: string;
  label: string;
  /** The quick choices' group name, for screen readers. */
  groupLabel: string;
  choices: readonly string[];
  value: string;
  /** Beside the quick choices, "other". */
  other: string;
  /**
   * Whether the page's scripts run: a quick choice fills the field by script. Until then (seconds on a slow link)
   * the choices are greyed and say nothing of "other"; without scripts they are not shown (globals.css).
   */
  ready: boolean;
  inputMode: 'decimal' | 'numeric';
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `${props.id}-error`;
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="quick" role="group" aria-label={props.groupLabel}>
        {props.choices.map((choice) => (
          <button key={choice} type="button" disabled={!props.ready} aria-pressed={props.value === choice} onClick={() => props.onChange(props.value === choice ? '' : choice)}>
            {choice}
          </button>
        ))}
      </div>
      <input
        id={props.id}
        name={props.name}
        inputMode={props.inputMode}
        autoComplete="off"
        placeholder={props.ready ? props.other : undefined}
        value={props.value}
        aria-invalid={Boolean(props.error)}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && (
        <p className="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </>
  );
}
