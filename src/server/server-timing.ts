import type { FastifyInstance } from 'fastify';
import { databaseTime, type QueryTimes, timeQueriesOf } from '../db/query-timing.js';

interface RequestTimes extends QueryTimes {
  start: number;
}

const timesOf = new WeakMap<object, RequestTimes>();

/**
 * SERVER_TIMING: every answer says how long the server took and how much of it the database
 * (`Server-Timing: db;dur=…;desc="n queries", total;dur=…`, milliseconds, from the request's
 * arrival to its serialized body; queries that overlap count once). For `npm run bench:api`, and
 * for an operator looking at one slow page in the browser's network panel.
 */
export function registerServerTiming(app: FastifyInstance) {
  app.addHook('onRequest', (request, _reply, done) => {
    const times: RequestTimes = { start: performance.now(), spans: [] };
    timesOf.set(request, times);
    timeQueriesOf(times, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const times = timesOf.get(request);
    if (!times) return payload;
    const total = performance.now() - times.start;
    reply.header(
      'server-timing',
      `db;dur=${databaseTime(times).toFixed(3)};desc="${times.spans.length} queries", total;dur=${total.toFixed(3)}`,
    );
    return payload;
  });
}
