/** Pure rules of the documents module. */
export {};
