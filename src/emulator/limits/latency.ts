// A fixed response latency for every Graph request and `$batch` item, so that tests and benchmarks see
// Graph's timing rather than loopback's: answered instantly, requests never overlap and the 4-in-flight
// limit never binds. It rides on the fault injector's delay, which the pipeline spends inside the
// mailbox slot, exactly where Graph's own processing time is.
import { FaultInjector, type FaultChannel, type FaultDecision, type FaultOptions, type FaultRequest } from '../faults.js';

/** A `$batch` envelope: its items get the latency, each in its own slot; the envelope adds none. */
const BATCH_ENVELOPE = /\/\$batch\/?(\?|$)/i;

export class LatentFaultInjector extends FaultInjector {
  constructor(options: FaultOptions | undefined, private readonly latencyMs: number) {
    super(options);
  }

  override decide(request: FaultRequest, channel: FaultChannel = 'graph'): FaultDecision | undefined {
    const decision = super.decide(request, channel);
    if (channel === 'storage' || BATCH_ENVELOPE.test(request.path)) return decision;
    return { afterProcessing: false, ...decision, delayMs: (decision?.delayMs ?? 0) + this.latencyMs };
  }
}
