// The parts of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Result {
    latency: { p50: number; p99: number; average: number };
    requests: { average: number };
    non2xx: number;
  }
  interface Options { url: string; connections: number; duration: number; setupClient?: (client: never) => void }
  function autocannon(o: Options): Promise<Result>;
  export default autocannon;
}
