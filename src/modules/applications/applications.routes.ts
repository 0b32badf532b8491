// Applications, attendance and disputes of the platform (FORMATS.md "Platform API"): the volunteer
// applies, withdraws, takes an offered place and disputes hours; the coordinator accepts, declines
// and records attendance; the front office settles disputes. Scope is checked before the body.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { assertMayManage } from '../opportunities/opportunities.service.ts';
import {
  applicantListSchema,
  applyBodySchema,
  applyResponseSchema,
  attendanceBodySchema,
  attendanceResponseSchema,
  bulkAttendanceBodySchema,
  bulkAttendanceResponseSchema,
  correctionBodySchema,
  decisionBodySchema,
  disputeBodySchema,
  disputeListQuerySchema,
  disputeListSchema,
  ownListSchema,
  revokeBodySchema,
  settleBodySchema,
  statusResponseSchema,
} from './applications.schemas.ts';
import {
  accept,
  apply,
  assertCoordinatorOf,
  assertCoordinatorOfShift,
  assertOwnApplication,
  decline,
  listApplicants,
  listOwn,
  takeOffer,
  withdraw,
} from './applications.service.ts';
import {
  correctAttendance,
  recordAttendance,
  recordShiftAttendance,
  revokeHours,
} from './attendance.service.ts';
import { assertMaySettle, listDisputes, openDispute, settleDispute } from './disputes.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;
const own = async (request: FastifyRequest) =>
  assertOwnApplication(db(request), request.user, rawId(request));
const coordinator = async (request: FastifyRequest) =>
  assertCoordinatorOf(db(request), request.user, rawId(request));

const TRANSITIONS =
  'Statuses: `pending` (a place counted) or `waitlisted` → `accepted` | `declined` (coordinator, a reason code) | `withdrawn` (the volunteer, a reason code); `accepted` → `attended` | `no_show` (from the shift’s start). Another move: 409 application_status_transition. Every transition is kept (who, when, from, to, reason) and e-mailed to the volunteer.';

export default async function applicationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/platform/shifts/:id/applications',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform'],
        summary: 'Apply to a shift (a volunteer)',
        description:
          '201 `pending` while a place is free, else `waitlisted` (a freed place is offered to the first on the waitlist for 48 hours). Refused with the reason: 404 unknown shift or draft; 409 organization_not_verified, opportunity_not_open (closed, cancelled), shift_started, training_confirmation_required (the opportunity names a training: send `{ trainingConfirmed: true }`), below_min_age, guardian_consent_missing, already_applied, overlapping_shift (accepted on a shift at the same time); 429 too_many_open_applications (PLATFORM_MAX_OPEN_APPLICATIONS, default 10). Capacity holds under concurrent applications.',
        params: idParamsSchema,
        body: applyBodySchema,
        response: { 201: applyResponseSchema, ...problems(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await apply(app.database.db, request.user, request.params.id, new Date(), request.body)),
  );

  app.get(
    '/api/platform/volunteers/me/applications',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform-volunteers'],
        summary: 'My applications, their trail and my confirmed hours',
        response: { 200: ownListSchema, ...problems(401, 403) },
      },
    },
    async (request) => listOwn(app.database.db, request.user),
  );

  app.get(
    '/api/platform/opportunities/:id/applications',
    {
      onRequest: async (request) => assertMayManage(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'The applicants of an opportunity, by shift (its coordinator)',
        description: 'Names, ages at the shift and skills; no contact data. Shifts with their places taken.',
        params: idParamsSchema,
        response: { 200: applicantListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listApplicants(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/platform/applications/:id/accept',
    {
      onRequest: coordinator,
      schema: {
        tags: ['platform'],
        summary: 'Accept an application (its coordinator)',
        description: `${TRANSITIONS} A waitlisted one only while a place is free (409 shift_full); an under-18 volunteer only once the guardian confirmed (409 guardian_consent_missing).`,
        params: idParamsSchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accept(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/platform/applications/:id/decline',
    {
      onRequest: coordinator,
      schema: {
        tags: ['platform'],
        summary: 'Decline an application, with a reason code (its coordinator)',
        description: `${TRANSITIONS} The reason is required (400 reason_required). A freed place is offered to the waitlist.`,
        params: idParamsSchema,
        body: decisionBodySchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => decline(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/withdraw',
    {
      onRequest: own,
      schema: {
        tags: ['platform'],
        summary: 'Withdraw my application (the volunteer), with a reason code',
        description: `${TRANSITIONS} Before the shift starts (409 shift_started). Reason default \`other\`.`,
        params: idParamsSchema,
        body: decisionBodySchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => withdraw(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/take-offer',
    {
      onRequest: own,
      schema: {
        tags: ['platform'],
        summary: 'Take the place offered from the waitlist (the volunteer)',
        description: 'While the offer runs: `pending` again. 409 no_offer, offer_expired.',
        params: idParamsSchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => takeOffer(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/platform/applications/:id/attendance',
    {
      onRequest: coordinator,
      schema: {
        tags: ['platform'],
        summary: 'Record attendance: attended with hours, or no-show (its coordinator)',
        description:
          'From the shift’s start (409 shift_not_started); an accepted application only (409 not_accepted; recorded already: 409 attendance_recorded, correct it instead). Hours default to the shift’s length; more: 400 hours_beyond_shift; zero or negative: 400 hours_invalid. The platform’s activity record of the month follows in the same transaction.',
        params: idParamsSchema,
        body: attendanceBodySchema,
        response: { 200: attendanceResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      recordAttendance(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/shifts/:id/attendance',
    {
      onRequest: async (request) => assertCoordinatorOfShift(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Record a shift’s attendance in bulk (its coordinator)',
        description:
          'All or nothing: each entry checked as one by one; any refused → 422 attendance_rejected listing them, nothing written.',
        params: idParamsSchema,
        body: bulkAttendanceBodySchema,
        response: { 200: bulkAttendanceResponseSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      recordShiftAttendance(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/correction',
    {
      onRequest: coordinator,
      schema: {
        tags: ['platform'],
        summary: 'Correct recorded attendance, with a reason (its coordinator)',
        description: 'Attended with hours, or no-show; audited. Revoked hours: 409 hours_revoked.',
        params: idParamsSchema,
        body: correctionBodySchema,
        response: { 200: attendanceResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      correctAttendance(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/revoke',
    {
      onRequest: coordinator,
      schema: {
        tags: ['platform'],
        summary: 'Revoke confirmed hours, with a reason (its coordinator)',
        description: 'The hours stay on the application, no longer counted; audited.',
        params: idParamsSchema,
        body: revokeBodySchema,
        response: {
          200: attendanceResponseSchema.extend({ revoked: z.boolean() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      revokeHours(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/dispute',
    {
      onRequest: own,
      schema: {
        tags: ['platform'],
        summary: 'Dispute the recorded hours (the volunteer)',
        description:
          'Within 14 days of the recording (409 dispute_window_closed); one open dispute at a time (409 dispute_open). The front office of the region is told.',
        params: idParamsSchema,
        body: disputeBodySchema,
        response: {
          201: z.object({ id: z.number().int(), status: z.literal('open') }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await openDispute(app.database.db, requireActor(request.user), request.params.id, request.body),
        ),
  );

  app.get(
    '/api/platform/disputes',
    {
      onRequest: async (request) => {
        authorize(request.user, 'platform.disputes.settle');
      },
      schema: {
        tags: ['platform'],
        summary: 'Disputes of hours (the front office of the region, the national office)',
        querystring: disputeListQuerySchema,
        response: { 200: disputeListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listDisputes(app.database.db, request.user, request.query),
  );

  app.post(
    '/api/platform/disputes/:id/settle',
    {
      onRequest: async (request) => assertMaySettle(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Settle a dispute: upheld (with the hours) or rejected, with a note',
        description:
          'Upheld with hours (or the hours the volunteer claimed) corrects the attendance and the statistics; a no-show upheld needs hours (400 hours_required). Settled already: 409 dispute_settled.',
        params: idParamsSchema,
        body: settleBodySchema,
        response: {
          200: z.object({ status: z.enum(['upheld', 'rejected']), hours: z.number().nullable() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      settleDispute(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
