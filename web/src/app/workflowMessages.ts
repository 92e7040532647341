import * as admissions from '../modules/admissions/messages';
import * as awards from '../modules/awards/messages';
import * as cadres from '../modules/cadres/messages';
import * as documents from '../modules/documents/messages';
import * as inspections from '../modules/inspections/messages';
import * as meetings from '../modules/meetings/messages';
import * as ratings from '../modules/ratings/messages';
import * as reports from '../modules/reports/messages';
import * as restructure from '../modules/restructure/messages';
import * as training from '../modules/training/messages';
import * as transfers from '../modules/transfers/messages';

/** Texts of the workflow screens, loaded as one chunk by loadWorkflowMessages() (messages.ts). */
export const vi = {
  ...admissions.vi,
  ...awards.vi,
  ...cadres.vi,
  ...documents.vi,
  ...inspections.vi,
  ...meetings.vi,
  ...ratings.vi,
  ...reports.vi,
  ...restructure.vi,
  ...training.vi,
  ...transfers.vi,
};
export const en: Record<keyof typeof vi, string> = {
  ...admissions.en,
  ...awards.en,
  ...cadres.en,
  ...documents.en,
  ...inspections.en,
  ...meetings.en,
  ...ratings.en,
  ...reports.en,
  ...restructure.en,
  ...training.en,
  ...transfers.en,
};
