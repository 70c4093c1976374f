import type { Ref } from 'react';

/** A server action driven by `useActionState`: the previous state (null at first) and the posted form give the next state. */
export type FormAction<S> = (previous: S | null, formData: FormData) => Promise<S>;

/** A form's one-line refusal (failed sign-in, stale page, service down…), announced as an alert; nothing without a message. */
export function AlertMessage({ message }: { message: string | null | undefined }) {
  return message ? (
    <p role="alert" className="error-summary">
      {message}
    </p>
  ) : null;
}

/**
 * The summary of a refused form: a sentence, then one link per invalid input that leads to it
 * (`target` gives the input's id). With `focusRef` the summary can take the focus.
 */
export function ErrorSummary<F extends string>({
  heading,
  errors,
  target,
  id,
  focusRef,
}: {
  heading: string;
  errors: readonly { readonly field: F; readonly message: string }[];
  target: (field: F) => string;
  id?: string;
  focusRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div role="alert" className="error-summary" tabIndex={focusRef ? -1 : undefined} ref={focusRef} id={id}>
      <p>{heading}</p>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${target(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
