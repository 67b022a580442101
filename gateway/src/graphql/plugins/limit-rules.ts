import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Rejects operations nested deeper than `maxDepth` fields (fragments expanded). */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let max = depth;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value.startsWith('__')) continue;
          max = Math.max(max, depthOf(s.selectionSet, depth + 1, seen));
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(s.selectionSet, depth, seen));
        } else if (!seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          if (f) max = Math.max(max, depthOf(f.selectionSet, depth, new Set([...seen, s.name.value])));
        }
        if (max > maxDepth) return max;
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        }
      },
    };
  };
}

/** Fields that fan out over the ledger: their sub-selection counts this many times. A
 * `gateCheck` also appends to the gate-decision log, so each alias of it counts in full. */
const FAN_OUT: ReadonlyMap<string, number> = new Map([
  ['trace', 50],
  ['gateCheck', 50],
]);

/** How many times a field's sub-selection counts: `first` when given as a literal (100 when it
 * is a variable), FAN_OUT for `trace` and `gateCheck`, else 1. */
function multiplierOf(field: FieldNode): number {
  const fanOut = FAN_OUT.get(field.name.value);
  if (fanOut !== undefined) return fanOut;
  const firstArg = field.arguments?.find((a) => a.name.value === 'first');
  if (!firstArg) return 1;
  return firstArg.value.kind === Kind.INT ? Math.max(1, Number(firstArg.value.value)) : 100;
}

/** Static cost: every field costs 1; list-producing fields with a `first` argument multiply
 * their sub-selection by it (default 20); `trace` multiplies by 50 (it fans out over districts and
 * related goods). Rejects operations above `maxCost`. */
export function costLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const costOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let total = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          total += 1 + multiplierOf(s) * costOf(s.selectionSet, seen);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          total += costOf(s.selectionSet, seen);
        } else if (!seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          if (f) total += costOf(f.selectionSet, new Set([...seen, s.name.value]));
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const cost = costOf(node.selectionSet, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COSTLY', cost },
            }),
          );
        }
      },
    };
  };
}
