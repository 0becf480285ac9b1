/**
 * The limits of the portal's forms. Residents' pages load no zod (it would add about 30 kB gzip to
 * a phone's first report), so these few numbers are kept here as plain values; formRules.test.ts
 * checks each against the server's schema, so a change on the server fails the tests until it is
 * made here too. Staff pages read their limits from the schemas themselves (components/formRules.ts).
 */
export const portalLimits = {
  /** POST /api/portal/tickets: description. */
  description: { min: 2, max: 4000 },
  /** POST /api/portal/tickets/:id/rating: comment. */
  ratingComment: { max: 2000 },
  /** POST /api/portal/surveys/:id/responses: the text answer of a question. */
  surveyText: { max: 2000 },
};
