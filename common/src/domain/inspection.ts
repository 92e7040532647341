/** Pure rules of the inspections module. */
export {};
