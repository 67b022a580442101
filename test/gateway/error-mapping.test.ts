import { expect } from 'chai';
import { GraphQLError } from 'graphql';
import {
  BadInputError,
  ChaincodeRejectedError,
  ForbiddenError,
  GatewayError,
  LedgerUnavailableError,
  fromLedgerError,
  restErrorHandler,
  toGraphQLError,
} from '@cargotrace/gateway/errors';
import { LedgerAccessDeniedError } from '@cargotrace/gateway/ledger';
import { defined } from '../support/defined';
import { startTestGateway, type TestGateway } from './support/harness';

/** The error body of a REST answer (and of an EPCIS exception, which adds `type` and `status`). */
interface ErrorAnswer {
  type?: string;
  status?: number;
  error: { code: string; message?: string; path?: string; [detail: string]: unknown };
}

/** What the REST mapping answers for `err`. */
function restAnswer(err: unknown): { status: number; body: ErrorAnswer } {
  const out = { status: 0, body: undefined as unknown };
  const res = {
    status(s: number) {
      out.status = s;
      return this;
    },
    json(b: unknown) {
      out.body = b;
      return this;
    },
  };
  restErrorHandler('16mb')(err, {} as never, res as never, () => undefined);
  return { status: out.status, body: out.body as ErrorAnswer };
}

describe('gateway error family: one service error, one answer per transport', () => {
  const cases: { name: string; err: GatewayError; status: number; code: string; path?: string }[] = [
    {
      name: 'bad argument',
      err: new BadInputError('maxDepth must be between 0 and 10', { argument: 'maxDepth' }),
      status: 400,
      code: 'BAD_USER_INPUT',
      path: 'maxDepth',
    },
    {
      name: 'specific bad input',
      err: new BadInputError('containerNo must be an ISO 6346 container number', {
        argument: 'containerNo',
        code: 'INVALID_CONTAINER_NUMBER',
      }),
      status: 400,
      code: 'INVALID_CONTAINER_NUMBER',
      path: 'containerNo',
    },
    { name: 'forbidden', err: new ForbiddenError('only customs may verify channels'), status: 403, code: 'FORBIDDEN' },
    {
      name: 'chaincode rejection',
      err: new ChaincodeRejectedError('VALIDATION_FAILED', 'eventTime is required', '/0/eventTime'),
      status: 400,
      code: 'VALIDATION_FAILED',
      path: '/0/eventTime',
    },
    { name: 'ledger unavailable', err: new LedgerUnavailableError(), status: 503, code: 'LEDGER_UNAVAILABLE' },
  ];

  for (const c of cases) {
    it(`${c.name}: REST status/code/path and GraphQL extensions agree`, () => {
      const rest = restAnswer(c.err);
      expect(rest.status).to.equal(c.status);
      expect(rest.body.error.code).to.equal(c.code);
      expect(rest.body.error.message).to.equal(c.err.message);
      expect(rest.body.error.path).to.equal(c.path);
      const gql = toGraphQLError(c.err);
      expect(gql).to.be.instanceOf(GraphQLError);
      expect(gql.message).to.equal(c.err.message);
      expect(gql.extensions.code).to.equal(c.code);
      expect(gql.extensions.path).to.equal(c.path);
    });
  }

  it('keeps the argument name and details beside the code (existing clients read them)', () => {
    const err = new BadInputError('at most 3 events per request', { argument: 'events', details: { reason: 'BATCH_TOO_LARGE' } });
    expect(restAnswer(err).body.error).to.include({
      code: 'BAD_USER_INPUT',
      argument: 'events',
      reason: 'BATCH_TOO_LARGE',
      path: 'events',
    });
    expect(toGraphQLError(err).extensions).to.include({
      code: 'BAD_USER_INPUT',
      argument: 'events',
      reason: 'BATCH_TOO_LARGE',
      path: 'events',
    });
  });

  it('maps ledger failures into the family: chaincode JSON, peer refusal, anything else', () => {
    const chaincode = fromLedgerError(new Error('chaincode response 500, {"code":"NOT_FOUND","message":"no event e-1","path":"/id"}'));
    expect(chaincode).to.be.instanceOf(ChaincodeRejectedError);
    expect(chaincode).to.include({ code: 'NOT_FOUND', status: 400, path: '/id' });
    expect(fromLedgerError(new LedgerAccessDeniedError('creator org unknown'))).to.be.instanceOf(ForbiddenError);
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(fromLedgerError(new Error('connect ECONNREFUSED'))).to.be.instanceOf(LedgerUnavailableError);
    } finally {
      console.error = original;
    }
  });

  it('answers anything that is not a service error as INTERNAL without its message', () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const rest = restAnswer(new Error('secret detail'));
      expect(rest.status).to.equal(500);
      expect(rest.body.error).to.deep.equal({ code: 'INTERNAL', message: 'internal error' });
    } finally {
      console.error = original;
    }
  });

  describe('through the running gateway', function () {
    this.timeout(120_000);
    // Undefined until `before` has started it (and still undefined in `after` when that failed).
    let started: TestGateway | undefined;
    const t = (): TestGateway => defined(started, 'the test gateway');
    /** The REST answer to a request, with its error body. */
    const request = async (apiKey: string, method: string, route: string, body?: unknown) => {
      const answer = await t().rest(apiKey, method, route, body);
      return { status: answer.status, body: answer.body as ErrorAnswer };
    };
    /** The extensions of the first GraphQL error, which the test needs to be there. */
    const firstErrorExtensions = (answer: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) =>
      defined(answer.body.errors?.[0], 'a GraphQL error').extensions;
    const gacc = 'demo-gacc-analyst';
    const partner = 'demo-vietnam-customs';
    before(async () => {
      started = await startTestGateway({ limits: { maxEventsPerRequest: 2 } });
    });
    after(async () => {
      await started?.close();
    });

    it('a batch over the limit: 400 on REST and BAD_USER_INPUT in GraphQL, both naming events', async () => {
      const events = [{}, {}, {}];
      const rest = await request(gacc, 'POST', '/api/v1/events', events);
      expect(rest.status).to.equal(400);
      expect(rest.body.error).to.include({ code: 'BAD_USER_INPUT', path: 'events', argument: 'events', reason: 'BATCH_TOO_LARGE' });
      const gql = await t().gql(gacc, 'mutation ($e: [JSON!]!) { appendEvents(events: $e) { accepted } }', { e: events });
      expect(firstErrorExtensions(gql)).to.include({
        code: 'BAD_USER_INPUT',
        path: 'events',
        argument: 'events',
        reason: 'BATCH_TOO_LARGE',
      });
    });

    it('a caller who may not: 403 FORBIDDEN on REST, FORBIDDEN in GraphQL, SecurityException on EPCIS', async () => {
      const rest = await request(partner, 'POST', '/api/v1/events', [{}]);
      expect(rest.status).to.equal(403);
      expect(rest.body.error.code).to.equal('FORBIDDEN');
      const gql = await t().gql(partner, 'mutation { appendEvents(events: [{}]) { accepted } }');
      expect(firstErrorExtensions(gql)?.code).to.equal('FORBIDDEN');
      const epcis = await request(partner, 'GET', '/epcis/events');
      expect(epcis.status).to.equal(403);
      expect(epcis.body).to.deep.include({ type: 'epcisException:SecurityException', status: 403, error: { code: 'FORBIDDEN' } });
    });

    it('a bad argument of the events service: extensions on GraphQL, QueryParameterException on EPCIS', async () => {
      const gql = await t().gql(gacc, '{ events(after: "not-a-cursor") { edges { cursor } } }');
      expect(firstErrorExtensions(gql)).to.include({ code: 'BAD_USER_INPUT', path: 'after', argument: 'after' });
      const epcis = await request(gacc, 'GET', '/epcis/events?nextPageToken=not-a-cursor');
      expect(epcis.status).to.equal(400);
      expect(epcis.body.type).to.equal('epcisException:QueryParameterException');
      expect(epcis.body.error).to.include({ code: 'BAD_USER_INPUT', path: 'after' });
    });
  });
});
