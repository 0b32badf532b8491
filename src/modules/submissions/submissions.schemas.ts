// Path and query shapes shared by the submissions, activities and stocks routes (now in lib/schemas.ts).
export { periodParam, regionParam, versionSchema } from '../../lib/schemas.ts';
