'use client';
// A number for a thumb: a row of quick choices, a field for any other value,
// and the error that concerns it right underneath. The choices are radio
// buttons, so that they work as they are, without scripts and before the
// page's scripts arrive: the form posts the one chosen beside the field
// (lib/ui/report-form.ts, quickName), and the scripts, once they run, take it
// into the field.
export function QuickNumber(props: {
  id: string;
  name: string;
  /** The quick choices' name in the form. */
  quickName: string;
  label: string;
  /** The quick choices' group name, for screen readers. */
  groupLabel: string;
  choices: readonly string[];
  value: string;
  /** Beside the quick choices, "other". */
  placeholder: string;
  inputMode: 'decimal' | 'numeric';
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `${props.id}-error`;
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="quick" role="radiogroup" aria-label={props.groupLabel}>
        {props.choices.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name={props.quickName}
              value={choice}
              checked={props.value === choice}
              onChange={() => props.onChange(choice)}
              // A second tap on the choice made takes it back (a radio alone cannot be unchosen).
              onClick={() => props.value === choice && props.onChange('')}
            />
            <span>{choice}</span>
          </label>
        ))}
      </div>
      <input
        id={props.id}
        name={props.name}
        inputMode={props.inputMode}
        autoComplete="off"
        placeholder={props.placeholder}
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
