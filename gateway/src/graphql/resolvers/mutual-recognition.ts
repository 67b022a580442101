import { aeoCertificate, mrConsignment, putAeoCertificate, putMrConsignment } from '../../services/mutual-recognition-service';
import type { GatewayContext } from '../context';

export const mrQueryResolvers = {
  mutualRecognition: (_: unknown, args: { enterpriseCode: string }, ctx: GatewayContext) => aeoCertificate(ctx, args.enterpriseCode),
  mrConsignment: (_: unknown, args: { id: string }, ctx: GatewayContext) => mrConsignment(ctx, args.id),
};

export const mrMutationResolvers = {
  putAeoCertificate: (_: unknown, args: { certificate: unknown }, ctx: GatewayContext) => putAeoCertificate(ctx, args.certificate),
  putMrConsignment: (_: unknown, args: { consignment: unknown }, ctx: GatewayContext) => putMrConsignment(ctx, args.consignment),
};

/** The partner customs as stored: one code or a list of codes. */
type PartnerCustoms = string | string[] | undefined;

export const MrConsignment = {
  partnerCustoms: (v: { partnerCustoms?: PartnerCustoms }) =>
    v.partnerCustoms === undefined ? null : Array.isArray(v.partnerCustoms) ? v.partnerCustoms.join(',') : v.partnerCustoms,
};
export const AeoCertificate = {
  partnerCustoms: (v: { partnerCustoms?: PartnerCustoms }) =>
    v.partnerCustoms === undefined ? null : Array.isArray(v.partnerCustoms) ? v.partnerCustoms : [v.partnerCustoms],
};
