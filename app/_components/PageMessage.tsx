import Link from 'next/link';

/**
 * A page that cannot show its content: its title, an optional lead, one message — an alert
 * (forbidden, database down) or a status (still loading) — and an optional link (to sign in).
 */
export function PageMessage({
  title,
  lead,
  message,
  kind = 'alert',
  link,
}: {
  title: string;
  lead?: string;
  message: string;
  kind?: 'alert' | 'status';
  link?: { readonly href: string; readonly text: string };
}) {
  return (
    <>
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      <p role={kind}>{message}</p>
      {link ? (
        <p>
          <Link href={link.href}>{link.text}</Link>
        </p>
      ) : null}
    </>
  );
}
