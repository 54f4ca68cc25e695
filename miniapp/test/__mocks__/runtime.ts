/**
 * The few @tarojs/runtime exports the components under test use (components-advanced's
 * timers). The real runtime is a DOM for mini-programs and expects webpack's build flags.
 */
export const now = () => Date.now();
export const requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);
export const cancelAnimationFrame = (id: ReturnType<typeof setTimeout>) => clearTimeout(id);
