import { inspectionsMutations } from '../modules/inspections/inspections.mutations.js';
import { ratingsMutations } from '../modules/ratings/ratings.mutations.js';
import { meetingsMutations } from '../modules/meetings/meetings.mutations.js';
import { trainingMutations } from '../modules/training/training.mutations.js';
import { documentsMutations } from '../modules/documents/documents.mutations.js';
import { awardsMutations } from '../modules/awards/awards.mutations.js';
import { admissionsMutations } from '../modules/admissions/admissions.mutations.js';
import { cadresMutations } from '../modules/cadres/cadres.mutations.js';
import { restructureMutations } from '../modules/restructure/restructure.mutations.js';
import { transfersMutations } from '../modules/transfers/transfers.mutations.js';
import type { MutationSuite } from './mutations.js';

export const MODULE_MUTATION_SUITES: MutationSuite[] = [admissionsMutations, transfersMutations, cadresMutations, restructureMutations,
  inspectionsMutations, ratingsMutations, meetingsMutations, trainingMutations, documentsMutations, awardsMutations,
];
