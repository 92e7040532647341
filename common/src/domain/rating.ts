/** Pure rules of the ratings module. */
export {};
