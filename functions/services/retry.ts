/**
 * Waits before another try of a conditional write that lost a race: exponential with full jitter (AWS's advice), so
 * writers that collided do not collide again in step. Attempt 0 waits up to `baseMs`, attempt n up to baseMs·2ⁿ.
 */
export function backoff(attempt: number, baseMs = 15, capMs = 400): Promise<void> {
  const ms = Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
