import { admissionsMutations } from '../modules/admissions/admissions.mutations.js';
import { cadresMutations } from '../modules/cadres/cadres.mutations.js';
import { restructureMutations } from '../modules/restructure/restructure.mutations.js';
import { transfersMutations } from '../modules/transfers/transfers.mutations.js';
import type { MutationSuite } from './mutations.js';

export const MODULE_MUTATION_SUITES: MutationSuite[] = [admissionsMutations, transfersMutations, cadresMutations, restructureMutations];
