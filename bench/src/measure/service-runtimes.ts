/** The Node.js release each service runs on, from prom-client's `nodejs_version_info` on its /metrics. */
export async function serviceNodeVersions(urls: Record<string, string>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      try {
        const response = await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(2000) });
        return [service, nodeVersionOf(await response.text()) ?? 'unknown'] as const;
      } catch {
        return [service, 'unknown'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export function nodeVersionOf(metricsText: string): string | undefined {
  return /^nodejs_version_info\{[^}]*\bversion="([^"]+)"/m.exec(metricsText)?.[1];
}

/** "v24.21.0" when every service runs the same release, else "order v24.21.0, product v20.19.0, ...". */
export function describeServiceNodes(versions: Record<string, string>): string {
  const distinct = new Set(Object.values(versions));
  if (distinct.size === 1) return [...distinct][0]!;
  return Object.entries(versions)
    .map(([service, version]) => `${service} ${version}`)
    .join(', ');
}
