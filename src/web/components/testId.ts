/**
 * antd passes unknown props through to the DOM element, but its prop types for nested props
 * (okButtonProps, onRow) do not list data-* attributes. This gives such a prop its test hook.
 */
export function testId<T extends object>(id: string, extra: Record<string, string | number> = {}): T {
  return { 'data-testid': id, ...extra } as unknown as T;
}
