import type { JsonSchema } from '../../api';

/**
 * What the engine fills in for an action node when its config leaves it out (flow-engine
 * `StepActions`): the instance's form and record, its customer as the recipient.
 */
const FILLED_BY_ENGINE: Record<string, readonly string[]> = {
  'record.update': ['form', 'record'],
  'record.create': ['form'],
  'tag.add': ['form', 'record'],
  'message.send': ['to', 'instance'],
  'flow.start': ['form', 'record', 'customer'],
};

/** Settings the designer does not show as plain fields: set by the engine, or picked by a widget of their own. */
const NOT_SHOWN: Record<string, readonly string[]> = {
  'message.send': ['instance'],
  'flow.start': ['flow'],
};

export function filledByEngine(action: string): readonly string[] {
  return (FILLED_BY_ENGINE[action] ?? []).filter((k) => !(NOT_SHOWN[action] ?? []).includes(k));
}

/** `["string", "null"]` as the form generator knows it: a string that may be left empty. */
function nonNull(schema: JsonSchema): JsonSchema {
  const type = schema.type as unknown;
  return Array.isArray(type) ? { ...schema, type: type.find((x) => x !== 'null') as string | undefined } : schema;
}

/**
 * An action's config schema as a flow node edits it: without what is not shown, and with what the
 * engine fills in no longer required.
 */
export function flowActionSchema(action: string, schema: JsonSchema): JsonSchema {
  const hidden = NOT_SHOWN[action] ?? [];
  const filled = FILLED_BY_ENGINE[action] ?? [];
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([k]) => !hidden.includes(k)).map(([k, p]) => [k, nonNull(p)]),
  );
  return { ...schema, properties, required: (schema.required ?? []).filter((k) => !hidden.includes(k) && !filled.includes(k)) };
}
