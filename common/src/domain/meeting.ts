/** Pure rules of the meetings module. */
export {};
