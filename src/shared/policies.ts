/**
 * Policies: the defaults of every number the regulations give, assembled from one section per module
 * (src/shared/policies/). This file keeps the import path every module uses.
 */
export * from './policies/index.ts';
export * from './policies/api.ts';
