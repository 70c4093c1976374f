/**
 * A tiny bar sparkline (inline SVG) with a text equivalent: the SVG is an image named by
 * `label`. Heights are in [0, 1]. Render-only; used in tables (column dictionary).
 */
export function Sparkline({ bars, label, width = 96, height = 24 }: { bars: readonly number[]; label: string; width?: number; height?: number }) {
  if (bars.length === 0) return <span>{label}</span>;
  const gap = 1;
  const w = Math.max(1, (width - gap * (bars.length - 1)) / bars.length);
  return (
    <svg className="sparkline" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} focusable="false">
      <title>{label}</title>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#5F6B7A" strokeWidth={1} />
      {bars.map((h, i) => {
        const bh = Math.max(h > 0 ? 1.5 : 0, h * (height - 2));
        return <rect key={i} x={i * (w + gap)} y={height - 1 - bh} width={w} height={bh} fill="#0072B2" />;
      })}
    </svg>
  );
}
