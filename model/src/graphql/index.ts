/** `@cargotrace/model/graphql`: the TypeScript shapes of the gateway's GraphQL answers (types only;
 * their names are the SDL's, so they live apart from the domain types of the same name). */
export type * from './results';
