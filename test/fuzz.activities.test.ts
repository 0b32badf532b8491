// Fuzzes the activities routes of the OpenAPI document: see test/helpers/fuzz.ts.
import { describeFuzz } from './helpers/fuzz.ts';

describeFuzz('activities');
