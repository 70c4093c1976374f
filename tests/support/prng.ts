/** The seedable generator of lib/data/random.ts, for test data that a failure can replay. */
export { mulberry32 as prng } from '../../lib/data/random';
