/** Tables owned by the ratings module; merged into the Database interface in db/schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RatingsTables {}
