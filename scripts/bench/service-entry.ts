// What the in-process benchmark bundles (scripts/bench.mjs): the language service as users run it,
// and the stages of a validation one by one, for the split it prints (parse, schema checks, the model
// of tracks and clips, layout, the other rules).
export * from '../../server/src/service/index';
export { validateSchema } from '../../server/src/service/schema/validate';
export { buildModel } from '../../server/src/service/model';
export { documentLayout } from '../../server/src/service/layout';
export { runRules } from '../../server/src/service/validation';
export { schemaRule } from '../../server/src/service/rules/schema';
export { layoutResult } from '../../server/src/layoutResult';
