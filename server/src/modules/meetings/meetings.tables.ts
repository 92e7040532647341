/** Tables owned by the meetings module; merged into the Database interface in db/schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MeetingsTables {}
