import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../../auth/viewer';

/** Who may read the schema: GACC and customs (docs/security.md). Partner customs, operators and
 * CIQ use the operations documented for them. */
export const mayIntrospect = (viewer: Viewer | undefined): boolean => viewer?.orgKind === 'gacc' || viewer?.orgKind === 'customs';

/** Refuses `__schema` and `__type` (FORBIDDEN); `__typename` stays open. */
function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const name = node.name.value;
      if (name === '__schema' || name === '__type') {
        context.reportError(
          new GraphQLError(`introspection (${name}) is for customs users`, { nodes: [node], extensions: { code: 'FORBIDDEN' } }),
        );
      }
    },
  };
}

/** Introspection only for callers `mayIntrospect` admits. */
export function introspectionPlugin(): Plugin<{ viewer?: Viewer }> {
  return {
    onValidate({ addValidationRule, context }) {
      if (!mayIntrospect(context.viewer)) addValidationRule(noIntrospectionRule);
    },
  };
}
