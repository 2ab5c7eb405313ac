import type { Db } from '../../../db/schema.js';

/** Whether the home has the year's plan and its summary. */
export function documentsOf(db: Db, homeId: string, year: number) {
  return db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb.selectFrom('homePlans').select('homeId').where('homeId', '=', homeId).where('year', '=', year),
        )
        .as('hasPlan'),
      eb
        .exists(
          eb
            .selectFrom('homeSummaries')
            .select('homeId')
            .where('homeId', '=', homeId)
            .where('year', '=', year),
        )
        .as('hasSummary'),
    ])
    .executeTakeFirstOrThrow();
}

/** The activities the home hosted (alone or jointly) starting in [start, end), whatever their status. */
export function hostedActivities(db: Db, homeId: string, start: Date, end: Date) {
  return db
    .selectFrom('activityHosts')
    .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
    .select(['activities.startsAt', 'activities.status'])
    .where('activityHosts.homeId', '=', homeId)
    .where('activities.startsAt', '>=', start)
    .where('activities.startsAt', '<', end)
    .execute();
}

/** The home's row in an evaluation round of the year that has been published, if any. */
export function publishedEvaluation(db: Db, homeId: string, year: number) {
  return db
    .selectFrom('evaluationHomes')
    .innerJoin('evaluationRounds', 'evaluationRounds.id', 'evaluationHomes.roundId')
    .select('evaluationHomes.homeId')
    .where('evaluationHomes.homeId', '=', homeId)
    .where('evaluationRounds.year', '=', year)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('evaluationPublications')
          .select('evaluationPublications.roundId')
          .whereRef('evaluationPublications.roundId', '=', 'evaluationRounds.id'),
      ),
    )
    .executeTakeFirst();
}
