import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '@cargotrace/model';
import { ChaincodeError } from '@cargotrace/model';
import { readRegistry, writeRegistry } from '../indexes/registry';
import { callerOf } from '../ledger/context';
import type { RegisteredDistrict, RegisteredOrganisation, Registry } from '@cargotrace/model';
import { parseJsonArgument, schemaErrors } from '@cargotrace/model';
import { cleanDistrict, cleanOrganisation, mergeDistricts, mergeOrganisations } from '../rules/registry-merge';
import { mayWriteRegistry } from '../rules/registry-writers';

@Info({ title: 'registry', description: 'Districts and organisations (kinds, districts, sites) of this channel' })
export class RegistryContract extends Contract {
  constructor() {
    super('registry');
  }

  @Transaction()
  @Returns('string')
  async registerDistricts(ctx: Context, districtsJson: string): Promise<string> {
    const registry = await readRegistry(ctx.stub);
    const denied = mayWriteRegistry(registry, callerOf(ctx));
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
    const value = parseJsonArgument(districtsJson, 'districts');
    this.#throwSchemaErrors(schemaErrors('districts', value));
    const merged = mergeDistricts(registry, (value as RegisteredDistrict[]).map(cleanDistrict));
    return this.#store(ctx, merged);
  }

  @Transaction()
  @Returns('string')
  async registerOrganisations(ctx: Context, organisationsJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const registry = await readRegistry(ctx.stub);
    const value = parseJsonArgument(organisationsJson, 'organisations');
    const schema = schemaErrors('organisations', value);
    // Do not tell an unauthorised caller more than that it is unauthorised.
    const deniedEarly = schema.length > 0 && registry.organisations.length > 0 ? mayWriteRegistry(registry, caller) : undefined;
    if (deniedEarly) throw new ChaincodeError('FORBIDDEN', deniedEarly, '');
    this.#throwSchemaErrors(schema);
    const incoming = (value as RegisteredOrganisation[]).map(cleanOrganisation);
    const denied = mayWriteRegistry(registry, caller, incoming);
    if (denied) throw new ChaincodeError('FORBIDDEN', denied, '');
    return this.#store(ctx, mergeOrganisations(registry, incoming));
  }

  @Transaction(false)
  @Returns('string')
  async getRegistry(ctx: Context): Promise<string> {
    return canonicalJson(await readRegistry(ctx.stub));
  }

  #throwSchemaErrors(errors: ReturnType<typeof schemaErrors>): void {
    if (errors.length > 0) throw ChaincodeError.fromErrors(errors.slice(0, 100));
  }

  async #store(ctx: Context, registry: Registry): Promise<string> {
    await writeRegistry(ctx.stub, registry);
    return canonicalJson(registry);
  }
}
