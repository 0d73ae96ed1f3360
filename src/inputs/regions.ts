// The regions SAE is documented in (the SDK's endpoint map, docs/reference/sae-api.md §1). New regions
// appear, so an unknown id is only warned about, with the nearest known one as a suggestion: a typo
// (`cn-hangzou`) would otherwise surface minutes later as a DNS failure.
export const SAE_REGIONS: readonly string[] = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-hongkong',
  'ap-southeast-1',
  'ap-northeast-1',
  'eu-central-1',
  'us-west-1',
  'us-east-1',
];

/** Edit distance (insertions, deletions, substitutions), for suggestions between short ids. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The documented region nearest to an unknown id, when it is close enough to be a typo. */
export function nearestRegion(region: string): string | undefined {
  if (SAE_REGIONS.includes(region)) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const r of SAE_REGIONS) {
    const d = editDistance(region, r);
    if (d < bestDistance) [best, bestDistance] = [r, d];
  }
  return bestDistance <= 3 ? best : undefined;
}

/** The warning for a region id SAE does not document, or undefined. */
export function unknownRegionWarning(region: string): string | undefined {
  if (!region || SAE_REGIONS.includes(region)) return undefined;
  const near = nearestRegion(region);
  return `region "${region}" is not among the regions SAE documents${near ? `. Did you mean ${near}?` : ` (${SAE_REGIONS.join(', ')}).`} It is used as given (new regions appear); if it is a typo, the connection to sae.${region}.aliyuncs.com fails.`;
}
