/** The LISTEN/NOTIFY channel a service's writer notifies and its relay listens on. */
export function notifyChannelOf(service: string): string {
  if (!/^[a-z][a-z0-9_-]*$/.test(service)) {
    throw new Error(`service name "${service}" must be lowercase letters, digits, '-' or '_'`);
  }
  return `outbox_${service.replace(/-/g, '_')}`;
}
