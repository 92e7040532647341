export * from './model.js';
export * from './format.js';
export * from './forms.js';
