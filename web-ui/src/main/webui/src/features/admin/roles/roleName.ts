import type { TFunction } from 'i18next';

/** The names every new workspace's built-in roles start with (BuiltinRole on the server), by their key. */
const BUILTIN_NAMES: Readonly<Record<string, string>> = { 所有者: 'owner', 搭建者: 'builder', 成员: 'member', 只读: 'viewer' };

/**
 * A role's name as shown: a built-in role that still has its starting name reads in the UI's language
 * ("Owner" in English); a name someone gave a role is theirs and shown as given.
 */
export function roleName(name: string, t: TFunction): string {
  const key = BUILTIN_NAMES[name];
  return key ? t(`roles.builtinNames.${key}`) : name;
}
