/**
 * Timing with IPython's semantics: {@link io.juxta.toolkit.timing.Bench} runs code like
 * {@code %timeit} and returns a {@link io.juxta.toolkit.timing.TimingResult} (what
 * {@code %timeit -o} returns); {@link io.juxta.toolkit.timing.Timer} measures wall and CPU time
 * like {@code %time}; {@link io.juxta.toolkit.timing.TimeFormat} prints durations as IPython does.
 */
package io.juxta.toolkit.timing;
