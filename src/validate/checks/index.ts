// Every generic check, in the order their findings are listed. Add a check here, nowhere else.
import type { Check } from '../check.js';
import { bitCollision } from './bit-collision.js';
import { docsDrift } from './docs-drift.js';
import { maskExtraBit } from './mask-extra-bit.js';
import { missingFromMask } from './missing-from-mask.js';
import { notSingleBit } from './not-single-bit.js';
import { tableMissingEntry } from './table-missing-entry.js';
import { toolsDrift } from './tools-drift.js';
import { valueCollision } from './value-collision.js';

export const checks: readonly Check[] = [
  bitCollision,
  valueCollision,
  notSingleBit,
  missingFromMask,
  maskExtraBit,
  docsDrift,
  toolsDrift,
  tableMissingEntry,
];
