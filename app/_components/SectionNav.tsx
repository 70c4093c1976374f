/** A link of a table of contents: the section's anchor and its title. */
export type TocLink = readonly [href: string, text: string];

/** A page's table of contents: links to its sections' anchors, in order. */
export function SectionNav({ label, className, links }: { label: string; className: string; links: readonly TocLink[] }) {
  return (
    <nav className={className} aria-label={label}>
      <ul>
        {links.map(([href, text]) => (
          <li key={href}>
            <a href={href}>{text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
