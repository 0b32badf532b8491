// Fuzzes the routes of the OpenAPI document that no other fuzz file takes: see test/helpers/fuzz.ts.
import { describeFuzz } from './helpers/fuzz.ts';

describeFuzz('other');
