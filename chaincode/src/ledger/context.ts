import type { Context } from 'fabric-contract-api';
import { utcKey } from '@cargotrace/model';
import type { Caller } from '../rules/authorisation';

/** The caller from the transaction creator and its enrolment certificate attributes. */
export function callerOf(ctx: Context): Caller {
  const ci = ctx.clientIdentity;
  return {
    mspId: ci.getMSPID(),
    id: ci.getAttributeValue('hf.EnrollmentID') ?? ci.getID(),
    role: ci.getAttributeValue('role') ?? '',
    district: ci.getAttributeValue('district') ?? '',
  };
}

/** Transaction time (deterministic: the proposal timestamp) as fixed-width ISO UTC. */
export function txTime(ctx: Context): string {
  return utcKey(ctx.stub.getDateTimestamp().getTime());
}
