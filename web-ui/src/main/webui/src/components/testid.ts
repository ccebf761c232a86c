/**
 * `data-testid` for props objects (e.g. a Modal's okButtonProps), where TypeScript would reject a
 * hyphenated key in an object literal typed as the component's props.
 */
export function tid<T extends object = Record<string, never>>(id: string): T {
  return { 'data-testid': id } as unknown as T;
}
