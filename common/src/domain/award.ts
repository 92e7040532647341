/** Pure rules of the awards module. */
export {};
