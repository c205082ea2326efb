// The parts of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Result {
      latency: { p50: number; p99: number; average: number };
      requests: { average: number };
      non2xx: number;
      errors: number;
    }
  }
  interface Options { url: string; connections: number; duration: number; headers?: Record<string, string>; setupClient?: (client: never) => void }
  function autocannon(o: Options): Promise<autocannon.Result>;
  export default autocannon;
}
