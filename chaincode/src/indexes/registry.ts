import type { ChaincodeStub } from 'fabric-shim-api';
import { getJson, putJson } from '../ledger/state';
import type { WorkingSet } from '../ledger/working-set';
import type { Registry } from '@cargotrace/model';
import { RegistryIndex } from '../rules/registry-index';
import { KEYS } from './object-types';

/** A channel before its first registration. */
const emptyRegistry = (): Registry => ({ districts: [], organisations: [] });

/** The one key holding the channel's registry. */
export function registryKey(stub: ChaincodeStub): string {
  return stub.createCompositeKey(KEYS.registry, []);
}

export async function readRegistry(stub: ChaincodeStub): Promise<Registry> {
  return (await getJson<Registry>(stub, registryKey(stub))) ?? emptyRegistry();
}

export async function readRegistryIndex(stub: ChaincodeStub): Promise<RegistryIndex> {
  return new RegistryIndex(await readRegistry(stub));
}

/** Through the working set, so the registry key is read once like every other key. */
export async function readRegistryIndexVia(ws: WorkingSet): Promise<RegistryIndex> {
  return new RegistryIndex((await ws.readJson<Registry>(registryKey(ws.stub))) ?? emptyRegistry());
}

export async function writeRegistry(stub: ChaincodeStub, registry: Registry): Promise<void> {
  await putJson(stub, registryKey(stub), registry);
}
