// Every emulator model, in the order validate runs and reports them. Add a model here only.
import { arm64PmuSetPmu } from './arm64-pmu-set-pmu.js';
import { kvmX86DisableExits } from './kvm-x86-disable-exits.js';
import { kvmX86Quirks } from './kvm-x86-quirks.js';
import type { Model } from './model.js';
import { perfMediatedPmu } from './perf-mediated-pmu.js';

export const models: readonly Model[] = [kvmX86DisableExits, kvmX86Quirks, perfMediatedPmu, arm64PmuSetPmu];
