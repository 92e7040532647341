/** Pure rules of the training module. */
export {};
